// Magic-link requests are limited per address and per IP, with counts kept in PostgreSQL so every
// app server shares them.
import { describe, expect, it } from "vitest";
import { withSystem } from "@/db/scopes";
import { allowMagicLinkRequest, MAGIC_LINK_LIMITS } from "@/lib/sign-in-limits";
import { uniqueSuffix } from "../support/fixtures";

const attempt = (email: string, ip: string) => withSystem((tx) => allowMagicLinkRequest(tx, email, ip));

describe("magic-link rate limit", () => {
  it("allows a few links per address, then refuses that address (from any IP) but not others", async () => {
    const email = `limited-${uniqueSuffix()}@example.test`;
    const results = [];
    for (let i = 0; i < MAGIC_LINK_LIMITS.perEmail.limit + 1; i++) results.push(await attempt(email, `10.0.0.${i}`));
    expect(results).toEqual([...Array(MAGIC_LINK_LIMITS.perEmail.limit).fill(true), false]);
    expect(await attempt(`other-${uniqueSuffix()}@example.test`, "10.0.0.200")).toBe(true);
  });

  it("refuses an IP that asks for too many different addresses", async () => {
    const ip = `192.0.2.${Math.floor(Math.random() * 250)}-${uniqueSuffix()}`;
    const results = [];
    for (let i = 0; i < MAGIC_LINK_LIMITS.perIp.limit + 1; i++) results.push(await attempt(`probe-${i}-${uniqueSuffix()}@example.test`, ip));
    expect(results.filter(Boolean)).toHaveLength(MAGIC_LINK_LIMITS.perIp.limit);
    expect(results.at(-1)).toBe(false);
  });

  it("counts concurrent requests exactly", async () => {
    const email = `burst-${uniqueSuffix()}@example.test`;
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(email, `198.51.100.${i}`)));
    expect(results.filter(Boolean)).toHaveLength(MAGIC_LINK_LIMITS.perEmail.limit);
  });
});
