// Sign-in counters in PostgreSQL, shared by every app server: magic-link requests limited per
// (address, IP) and per IP, with a silent per-address cap; expired counters purged in bounded
// batches that skip rows another transaction holds.
import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { withSystem } from "@/db/scopes";
import { hitRateLimit, PURGE_BATCH } from "@/db/queries/rate-limits";
import { rateLimits } from "@/db/schema";
import { decideMagicLinkRequest, MAGIC_LINK_LIMITS } from "@/lib/sign-in-limits";
import { uniqueSuffix } from "../support/fixtures";
import { inOneRateLimitWindow } from "../support/rate-limit-window";

const attempt = (email: string, ip: string) => withSystem((tx) => decideMagicLinkRequest(tx, email, ip));
const uniqueIp = (prefix: string) => `${prefix}-${uniqueSuffix()}`;

describe("magic-link rate limit", () => {
  it("refuses one IP asking too often for one address, but not other IPs or addresses", () =>
    inOneRateLimitWindow(async () => {
      const email = `limited-${uniqueSuffix()}@example.test`;
      const ip = uniqueIp("10.0.0.1");
      const results = [];
      for (let i = 0; i < MAGIC_LINK_LIMITS.perAddressAndIp.limit + 1; i++) results.push(await attempt(email, ip));
      expect(results).toEqual([...Array(MAGIC_LINK_LIMITS.perAddressAndIp.limit).fill("send"), "refuse"]);
      expect(await attempt(email, uniqueIp("10.0.0.2"))).toBe("send");
      expect(await attempt(`other-${uniqueSuffix()}@example.test`, ip)).toBe("send");
    }));

  it("refuses an IP that asks for too many different addresses", () =>
    inOneRateLimitWindow(async () => {
      const ip = uniqueIp("192.0.2.7");
      const results = [];
      for (let i = 0; i < MAGIC_LINK_LIMITS.perIp.limit + 1; i++) results.push(await attempt(`probe-${i}-${uniqueSuffix()}@example.test`, ip));
      expect(results.filter((r) => r === "send")).toHaveLength(MAGIC_LINK_LIMITS.perIp.limit);
      expect(results.at(-1)).toBe("refuse");
    }));

  it("past the per-address cap, drops (answers as usual, mails nothing) instead of refusing", () =>
    inOneRateLimitWindow(async () => {
      const email = `capped-${uniqueSuffix()}@example.test`;
      const results = [];
      for (let i = 0; i < MAGIC_LINK_LIMITS.perAddress.limit + 2; i++) results.push(await attempt(email, uniqueIp(`10.1.0.${i}`)));
      expect(results).toEqual([...Array(MAGIC_LINK_LIMITS.perAddress.limit).fill("send"), "drop", "drop"]);
    }));

  it("counts an IPv6 client by its /64: its other addresses share the counts, the next network's do not", () =>
    inOneRateLimitWindow(async () => {
      // A network of this run's own (2001:db8::/32 is for documentation), in both of the usual spellings.
      const [a, b] = randomBytes(4).toString("hex").match(/.{4}/g)!;
      const network = (host: string) => `2001:db8:${a}:${b}:${host}`;
      const results = [];
      for (let i = 0; i < MAGIC_LINK_LIMITS.perIp.limit; i++) {
        results.push(await attempt(`v6-${i}-${uniqueSuffix()}@example.test`, network(`${(i + 1).toString(16)}::1`)));
      }
      expect(results.every((r) => r === "send")).toBe(true);
      expect(await attempt(`v6-last-${uniqueSuffix()}@example.test`, network("FFFF:0:0:7"))).toBe("refuse");
      expect(await attempt(`v6-next-${uniqueSuffix()}@example.test`, `2001:db8:${a}:${(parseInt(b!, 16) ^ 1).toString(16)}::1`)).toBe("send");
    }));

  it("counts an IPv4 client written IPv4-mapped as that IPv4 address, not as one shared IPv6 network", () =>
    inOneRateLimitWindow(async () => {
      const [x, y, z] = [...randomBytes(3)];
      const email = `mapped-${uniqueSuffix()}@example.test`;
      for (let i = 0; i < MAGIC_LINK_LIMITS.perAddressAndIp.limit; i++) expect(await attempt(email, `100.${x}.${y}.${z}`)).toBe("send");
      expect(await attempt(email, `::ffff:100.${x}.${y}.${z}`)).toBe("refuse");
      expect(await attempt(email, `::ffff:100.${x}.${y}.${(z! + 1) % 256}`)).toBe("send");
    }));

  it("counts concurrent requests exactly", () =>
    inOneRateLimitWindow(async () => {
      const email = `burst-${uniqueSuffix()}@example.test`;
      const ip = uniqueIp("198.51.100.1");
      const results = await Promise.all(Array.from({ length: 12 }, () => attempt(email, ip)));
      expect(results.filter((r) => r === "send")).toHaveLength(MAGIC_LINK_LIMITS.perAddressAndIp.limit);
    }));
});

describe("limits set in the environment", () => {
  it("are taken only as positive whole numbers; 0, negatives, fractions and words keep the default", async () => {
    const cases: [string, number][] = [["7", 7], ["0", 5], ["-3", 5], ["2.5", 5], ["many", 5]];
    try {
      for (const [value, expected] of cases) {
        vi.stubEnv("MAGIC_LINK_LIMIT_PER_ADDRESS_AND_IP", value);
        vi.resetModules();
        const limits = (await import("@/lib/sign-in-limits")).MAGIC_LINK_LIMITS;
        expect(limits.perAddressAndIp.limit, value).toBe(expected);
      }
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });

  it("each limit reads its own variable, and counts over 15 minutes (a magic link's 10-minute lifetime per address)", async () => {
    const names = {
      MAGIC_LINK_LIMIT_PER_ADDRESS_AND_IP: 11,
      MAGIC_LINK_LIMIT_PER_IP: 12,
      MAGIC_LINK_LIMIT_PER_ADDRESS: 13,
      PASSWORD_LIMIT_PER_ACCOUNT_AND_IP: 14,
      PASSWORD_LIMIT_PER_IP: 15,
    };
    try {
      for (const [name, value] of Object.entries(names)) vi.stubEnv(name, String(value));
      vi.resetModules();
      const { MAGIC_LINK_LIMITS: magic, PASSWORD_LIMITS: password } = await import("@/lib/sign-in-limits");
      expect([magic.perAddressAndIp, magic.perIp, magic.perAddress, password.perAccountAndIp, password.perIp]).toEqual([
        { limit: 11, windowSeconds: 15 * 60 },
        { limit: 12, windowSeconds: 15 * 60 },
        { limit: 13, windowSeconds: 10 * 60 },
        { limit: 14, windowSeconds: 15 * 60 },
        { limit: 15, windowSeconds: 15 * 60 },
      ]);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});

describe("purging expired counters", () => {
  const RULE = { limit: 5, windowSeconds: 60 };
  const expiredRows = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, i) => ({
      key: `${prefix}-${i}`,
      windowStart: new Date(Date.now() - 3_600_000),
      expiresAt: new Date(Date.now() - 3_540_000),
      hits: 1,
    }));
  const remaining = (keys: string[]) =>
    withSystem((tx) => tx.select({ key: rateLimits.key }).from(rateLimits).where(inArray(rateLimits.key, keys)));

  it("deletes expired rows of any key, at most one batch per call", async () => {
    const rows = expiredRows(`stale-${uniqueSuffix()}`, PURGE_BATCH * 2 + 10);
    await withSystem((tx) => tx.insert(rateLimits).values(rows));
    const keys = rows.map((r) => r.key);
    await withSystem((tx) => hitRateLimit(tx, `purger-${uniqueSuffix()}`, RULE));
    const left = (await remaining(keys)).length;
    expect(left).toBeLessThan(keys.length);
    expect(left).toBeGreaterThanOrEqual(keys.length - PURGE_BATCH);
    for (let i = 0; i < 3; i++) await withSystem((tx) => hitRateLimit(tx, `purger-${uniqueSuffix()}`, RULE));
    expect(await remaining(keys)).toEqual([]);
  });

  // The embedded engine runs one transaction at a time, so there is no other holder to skip there.
  it.skipIf(process.env.DATABASE_URL?.startsWith("pglite:"))("skips rows another transaction holds instead of waiting for them", async () => {
    const [held] = expiredRows(`held-${uniqueSuffix()}`, 1);
    await withSystem((tx) => tx.insert(rateLimits).values(held!));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const holder = withSystem(async (tx) => {
      await tx.execute(sql`select 1 from rate_limits where key = ${held!.key} for update`);
      locked();
      await released;
    });
    await isLocked;
    const timedOut = new Promise<"waited">((resolve) => setTimeout(() => resolve("waited"), 5_000));
    const hit = withSystem((tx) => hitRateLimit(tx, `skipper-${uniqueSuffix()}`, RULE)).then(() => "done" as const);
    const outcome = await Promise.race([hit, timedOut]);
    release();
    await holder;
    await hit;
    expect(outcome).toBe("done");
    expect(await withSystem((tx) => tx.select().from(rateLimits).where(eq(rateLimits.key, held!.key)))).toHaveLength(1);
  });

  it("stores when each counter expires, indexed for the purge", async () => {
    const key = `expiry-${uniqueSuffix()}`;
    await withSystem((tx) => hitRateLimit(tx, key, { limit: 5, windowSeconds: 900 }));
    const [row] = await withSystem((tx) => tx.select().from(rateLimits).where(eq(rateLimits.key, key)));
    expect(row!.expiresAt.getTime() - row!.windowStart.getTime()).toBe(900_000);
    const indexes = await withSystem((tx) =>
      tx.execute(sql`select indexdef from pg_indexes where tablename = 'rate_limits' and indexdef like '%(expires_at)%'`),
    );
    expect(JSON.stringify(indexes)).toContain("expires_at");
  });
});
