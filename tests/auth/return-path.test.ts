// Issue 18, item 2, at the unit level (the browser case is e2e/auth/return-after-sign-in.spec.ts): a
// signed-out visitor is sent to sign-in with the whole path and query they asked for, but only when
// it is a safe path inside the tenant they asked for; anything else returns them to its overview.
import { describe, expect, it, vi } from "vitest";
import { REQUESTED_PATH_HEADER } from "@/lib/requested-path";

/** The requested path the server's listener (lib/request-stamp.ts) forwarded for the current request (null: no header). */
const forwarded = vi.hoisted(() => ({ path: null as string | null }));

vi.mock("@/lib/auth", () => ({ auth: async () => null }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(forwarded.path === null ? {} : { [REQUESTED_PATH_HEADER]: forwarded.path }),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));

const { requireActor } = await import("@/lib/actor");

/** Where a signed-out visitor of tenant `slug` is sent back to after signing in. */
async function returnPathFor(slug: string, requested: string | null): Promise<string> {
  forwarded.path = requested;
  const error = await requireActor(slug).then(
    () => null,
    (thrown: Error) => thrown,
  );
  const target = error?.message.match(/^NEXT_REDIRECT (\/login\?callbackUrl=.*)$/)?.[1];
  if (!target) throw new Error(`expected a redirect to sign-in, got ${error?.message ?? "none"}`);
  return new URL(target, "http://tenantry.test").searchParams.get("callbackUrl")!;
}

describe("the return path after sign-in", () => {
  it("keeps the whole path and query inside the tenant asked for", async () => {
    expect(await returnPathFor("acme", "/t/acme/members?sort=email&dir=desc")).toBe("/t/acme/members?sort=email&dir=desc");
    expect(await returnPathFor("acme", "/t/acme?tab=x")).toBe("/t/acme?tab=x");
    expect(await returnPathFor("acme", "/t/acme")).toBe("/t/acme");
  });

  it("returns to the overview for anything else", async () => {
    expect(await returnPathFor("acme", null)).toBe("/t/acme");
    // Another tenant, or one whose slug only starts like this one's.
    expect(await returnPathFor("acme", "/t/globex/members")).toBe("/t/acme");
    expect(await returnPathFor("acme", "/t/acmex/members")).toBe("/t/acme");
    expect(await returnPathFor("acme", "/t/acme-corp")).toBe("/t/acme");
    // What safeReturnPath would change: other sites, backslashes, broken escapes.
    expect(await returnPathFor("acme", "//evil.example/t/acme")).toBe("/t/acme");
    expect(await returnPathFor("acme", "/t/acme/\\evil")).toBe("/t/acme");
    expect(await returnPathFor("acme", "/t/acme/%E0%A4%A")).toBe("/t/acme");
  });
});
