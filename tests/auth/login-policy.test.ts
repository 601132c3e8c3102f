// A tenant with magic links switched off refuses sessions opened by magic link, on every request:
// pages send its members to the password sign-in (and show nothing of it), actions refuse and change
// nothing. Non-members still get a plain 404, so the policy reveals nothing about other tenants.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { activity, tenants, users } from "@/db/schema";
import { addMember, createTenant, createUser } from "../support/fixtures";
import { navigationOf } from "../support/navigation";
import { signInAs } from "../support/session";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));

const { getActor, requireActor } = await import("@/lib/actor");
const { switchTenant } = await import("@/app/t/[slug]/actions");


let passwordOnly: { id: string; slug: string; name: string };
let open: { id: string; slug: string; name: string };
let member: { id: string; email: string };
let outsider: { id: string; email: string };

beforeAll(async () => {
  passwordOnly = await createTenant("password-only");
  open = await createTenant("open");
  await withSystem((tx) => tx.update(tenants).set({ magicLinkEnabled: false }).where(eq(tenants.id, passwordOnly.id)));
  member = await createUser("member");
  outsider = await createUser("outsider");
  await addMember(passwordOnly.id, member.id, ["admin"]);
  await addMember(open.id, member.id, ["viewer"]);
});

describe("login policy", () => {
  it("keeps a magic-link session out of a password-only tenant, and lets a password session in", async () => {
    signInAs(member, "magic_link");
    expect(await getActor(passwordOnly.slug)).toBeNull();
    signInAs(member, "password");
    expect((await getActor(passwordOnly.slug))?.tenant.id).toBe(passwordOnly.id);
  });

  it("lets both kinds of session into a tenant that allows magic links", async () => {
    for (const method of ["magic_link", "password"] as const) {
      signInAs(member, method);
      expect((await getActor(open.slug))?.tenant.id).toBe(open.id);
    }
  });

  it("sends a refused member's page request to the password sign-in, saying why and where to return", async () => {
    signInAs(member, "magic_link");
    const digest = await navigationOf(requireActor(passwordOnly.slug));
    const target = digest.split(";")[2]!;
    const url = new URL(target, "http://app.test");
    expect(url.pathname).toBe("/login");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      method: "password",
      reason: "tenant-requires-password",
      callbackUrl: `/t/${passwordOnly.slug}`,
    });
  });

  it("answers 404 to a non-member of a password-only tenant, as for any tenant they cannot see", async () => {
    signInAs(outsider, "magic_link");
    expect(await navigationOf(requireActor(passwordOnly.slug))).toMatch(/^NEXT_HTTP_ERROR_FALLBACK;404/);
  });

  it("refuses a tenant action from a magic-link session, saying a password is needed, and changes nothing", async () => {
    signInAs(member, "magic_link");
    const result = await switchTenant(passwordOnly.slug, null, {});
    expect(result).toMatchObject({ ok: false, code: "UNAUTHENTICATED", message: expect.stringMatching(/requires password sign-in/) });
    const [row] = await withSystem((tx) => tx.select({ last: users.lastTenantId }).from(users).where(eq(users.id, member.id)));
    expect(row?.last).toBeNull();
    const entries = await withTenant({ tenantId: passwordOnly.id, userId: null }, (tx) =>
      tx.select().from(activity).where(and(eq(activity.tenantId, passwordOnly.id), eq(activity.action, "tenant.switched"))),
    );
    expect(entries).toEqual([]);

    signInAs(member, "password");
    expect(await switchTenant(passwordOnly.slug, null, {})).toMatchObject({ ok: true });
  });

  it("applies a policy change on the very next request", async () => {
    const tenant = await createTenant("flip");
    await addMember(tenant.id, member.id, ["viewer"]);
    signInAs(member, "magic_link");
    expect(await getActor(tenant.slug)).not.toBeNull();
    await withSystem((tx) => tx.update(tenants).set({ magicLinkEnabled: false }).where(eq(tenants.id, tenant.id)));
    // getActor is cached per request (React cache); in tests each call is its own request.
    expect(await getActor(tenant.slug)).toBeNull();
  });
});
