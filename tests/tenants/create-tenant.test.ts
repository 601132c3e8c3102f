// Creating a tenant: only for users allowed to, within their tenant limit, which holds under
// parallel requests. The creator becomes the first Admin; the tenant's log and the platform log
// both record it; refusals change nothing.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { activity, memberships, platformActivity, tenants, users } from "@/db/schema";
import { createUser, uniqueSuffix } from "../support/fixtures";
import { signInAs } from "../support/session";
import { platformLogWhere } from "../support/platform-log";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));

const { createTenant } = await import("@/app/tenants/new/actions");

const ownedBy = (userId: string) => withSystem((tx) => tx.select().from(tenants).where(eq(tenants.createdBy, userId)));
const tenantWithSlug = (slug: string) => withSystem((tx) => tx.select().from(tenants).where(eq(tenants.slug, slug)));

let creator: { id: string; email: string };

beforeAll(async () => {
  creator = await createUser("creator", { canCreateTenants: true, tenantLimit: 10 });
});

describe("createTenant", () => {
  it("creates the tenant with the caller as its first Admin, lands them in it, and logs it twice", async () => {
    signInAs(creator);
    const slug = `new-${uniqueSuffix()}`;
    const result = await createTenant(null, { name: "  New Co  ", slug });
    expect(result).toEqual({ ok: true, data: { slug } });

    const [tenant] = await tenantWithSlug(slug);
    expect(tenant).toMatchObject({ name: "New Co", createdBy: creator.id, license: "free", magicLinkEnabled: true, memberCount: 1 });
    const members = await withTenant({ tenantId: tenant!.id, userId: null }, (tx) =>
      tx.select().from(memberships).where(eq(memberships.tenantId, tenant!.id)),
    );
    expect(members).toMatchObject([{ userId: creator.id, roles: ["admin"], status: "active" }]);
    const [account] = await withSystem((tx) => tx.select().from(users).where(eq(users.id, creator.id)));
    expect(account!.lastTenantId).toBe(tenant!.id);

    const log = await withTenant({ tenantId: tenant!.id, userId: null }, (tx) =>
      tx.select().from(activity).where(eq(activity.tenantId, tenant!.id)),
    );
    expect(log.map((e) => e.action).sort()).toEqual(["member.added", "tenant.created"]);
    expect(log.every((e) => e.actorUserId === creator.id)).toBe(true);
    const platform = await platformLogWhere(and(eq(platformActivity.action, "tenant.created"), eq(platformActivity.subjectTenantId, tenant!.id)));
    expect(platform).toMatchObject([{ actorUserId: creator.id, tenantName: "New Co" }]);
  });

  it("refuses a user whose flag is off, saying why, and creates nothing", async () => {
    const notAllowed = await createUser("not-allowed", { canCreateTenants: false, tenantLimit: 5 });
    signInAs(notAllowed);
    const slug = `refused-${uniqueSuffix()}`;
    const result = await createTenant(null, { name: "Refused", slug });
    expect(result).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringMatching(/not allowed to create tenants/) });
    expect(await tenantWithSlug(slug)).toEqual([]);
  });

  it("refuses at the tenant limit, saying why, and creates nothing", async () => {
    const limited = await createUser("limited", { canCreateTenants: true, tenantLimit: 1 });
    signInAs(limited);
    expect(await createTenant(null, { name: "First", slug: `first-${uniqueSuffix()}` })).toMatchObject({ ok: true });
    const slug = `second-${uniqueSuffix()}`;
    const result = await createTenant(null, { name: "Second", slug });
    expect(result).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringMatching(/already own 1 tenant, and your limit is 1 tenant/) });
    expect(await tenantWithSlug(slug)).toEqual([]);
    expect(await ownedBy(limited.id)).toHaveLength(1);
  });

  it("counts only tenants the user owns, not ones they were added to", async () => {
    const member = await createUser("member-only", { canCreateTenants: true, tenantLimit: 1 });
    signInAs(creator);
    const theirs = await createTenant(null, { name: "Someone else's", slug: `else-${uniqueSuffix()}` });
    expect(theirs.ok).toBe(true);
    signInAs(member);
    expect(await createTenant(null, { name: "Mine", slug: `mine-${uniqueSuffix()}` })).toMatchObject({ ok: true });
  });

  it("holds the limit under 20 parallel creations by a user at limit - 1: exactly one tenant is created", async () => {
    const racer = await createUser("racer", { canCreateTenants: true, tenantLimit: 2 });
    signInAs(racer);
    expect(await createTenant(null, { name: "Already", slug: `already-${uniqueSuffix()}` })).toMatchObject({ ok: true });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createTenant(null, { name: `Race ${i}`, slug: `race-${i}-${uniqueSuffix()}` })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === "FORBIDDEN")).toBe(true);
    expect(await ownedBy(racer.id)).toHaveLength(2);
  });

  it("refuses a taken slug with a message on the slug field", async () => {
    signInAs(creator);
    const slug = `taken-${uniqueSuffix()}`;
    expect(await createTenant(null, { name: "Original", slug })).toMatchObject({ ok: true });
    const result = await createTenant(null, { name: "Copy", slug });
    expect(result).toMatchObject({ ok: false, code: "CONFLICT", fieldErrors: { slug: [expect.stringMatching(/is taken/)] } });
    expect((await tenantWithSlug(slug)).map((t) => t.name)).toEqual(["Original"]);
  });

  it.each([
    [{ name: "", slug: "ok-slug" }, "name", /Enter a name/],
    [{ name: "x".repeat(81), slug: "ok-slug" }, "name", /at most 80/],
    [{ name: "Tab\tName", slug: "ok-slug" }, "name", /control characters/],
    [{ name: "Fine", slug: "" }, "slug", /Enter a slug/],
    [{ name: "Fine", slug: "Upper-Case" }, "slug", /lower-case/],
    [{ name: "Fine", slug: "-leading" }, "slug", /lower-case/],
    [{ name: "Fine", slug: "trailing-" }, "slug", /lower-case/],
    [{ name: "Fine", slug: "a".repeat(49) }, "slug", /1 to 48/],
    [{ name: "Fine", slug: "with space" }, "slug", /lower-case/],
  ])("rejects %o with a message on %s", async (input, field, message) => {
    signInAs(creator);
    const result = await createTenant(null, input);
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { [field]: [expect.stringMatching(message)] } });
  });

  it("answers UNAUTHENTICATED when signed out, and creates nothing", async () => {
    signInAs(null);
    const slug = `anon-${uniqueSuffix()}`;
    expect(await createTenant(null, { name: "Anonymous", slug })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await tenantWithSlug(slug)).toEqual([]);
  });
});
