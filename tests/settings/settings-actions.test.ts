// Tenant settings actions, each attacked by every kind of caller: only an Admin of the tenant may
// change its settings; Viewers and Editors are refused, an Admin of another tenant and a signed-out
// caller learn nothing, and a refusal changes nothing. Every change writes its before/after.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { addApprovedDomain, listApprovedDomains } from "@/db/queries/approved-domains";
import { activity, tenants } from "@/db/schema";
import type { AuthMethod } from "@/db/schema";
import type { ActionResult } from "@/lib/action-result";
import { addMember, createTenant, createUser, uniqueSuffix } from "../support/fixtures";
import { signInAs } from "../support/session";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));

const { updateGeneralSettings, addDomain, removeDomain, setMagicLinkLogin } = await import("@/app/t/[slug]/settings/actions");

type User = { id: string; email: string };
type Tenant = { id: string; slug: string; name: string };

/**
 * A fresh tenant with one member of each role, an approved domain, and an Admin of another tenant. It is
 * on the Enterprise license, which has every paid setting (tests/licenses covers each license).
 */
async function world() {
  const tenant = await createTenant("settings", { license: "enterprise" });
  const other = await createTenant("elsewhere");
  const [viewer, editor, admin, adminElsewhere] = [
    await createUser("viewer"),
    await createUser("editor"),
    await createUser("admin"),
    await createUser("admin-elsewhere"),
  ];
  await addMember(tenant.id, viewer.id, ["viewer"]);
  await addMember(tenant.id, editor.id, ["editor"]);
  await addMember(tenant.id, admin.id, ["admin"]);
  await addMember(other.id, adminElsewhere.id, ["admin"]);
  await withTenant({ tenantId: tenant.id, userId: null }, (tx) => addApprovedDomain(tx, "existing.example"));
  return { tenant, viewer, editor, admin, adminElsewhere };
}

/** Everything a settings action could change, to compare before and after a refusal. */
async function snapshot(tenantId: string) {
  const [row] = await withSystem((tx) =>
    tx.select({ name: tenants.name, contactEmail: tenants.contactEmail, magicLinkEnabled: tenants.magicLinkEnabled }).from(tenants).where(eq(tenants.id, tenantId)),
  );
  return withTenant({ tenantId, userId: null }, async (tx) => ({
    row,
    domains: await listApprovedDomains(tx),
    entries: (await tx.select({ n: count() }).from(activity).where(eq(activity.tenantId, tenantId)))[0]!.n,
  }));
}

const entriesOf = (tenantId: string, action: string) =>
  withTenant({ tenantId, userId: null }, (tx) => tx.select().from(activity).where(and(eq(activity.tenantId, tenantId), eq(activity.action, action))));

interface Case {
  name: string;
  /** What the Admin's session must be (switching magic links off needs a password session). */
  adminAuth?: AuthMethod;
  call(tenant: Tenant): Promise<ActionResult<unknown>>;
  /** Checks the change an Admin made, and its activity entry. */
  verify(tenant: Tenant, admin: User): Promise<void>;
}

// Tenant names are unique across the platform (regardless of case and spacing), and test files share a database.
const RENAMED = `Renamed Tenant ${uniqueSuffix()}`;

const CASES: Case[] = [
  {
    name: "updateGeneralSettings",
    call: (t) => updateGeneralSettings(t.slug, null, { name: RENAMED, contactEmail: " Ops@Example.COM " }),
    async verify(t, admin) {
      expect((await snapshot(t.id)).row).toMatchObject({ name: RENAMED, contactEmail: "ops@example.com" });
      const [entry] = await entriesOf(t.id, "tenant.settings_updated");
      expect(entry).toMatchObject({
        actorUserId: admin.id,
        details: { before: { name: t.name, contactEmail: null }, after: { name: RENAMED, contactEmail: "ops@example.com" } },
      });
    },
  },
  {
    name: "addDomain",
    call: (t) => addDomain(t.slug, null, { domain: "https://Bücher.Example/shop" }),
    async verify(t) {
      expect((await snapshot(t.id)).domains).toEqual(["existing.example", "xn--bcher-kva.example"]);
      const [entry] = await entriesOf(t.id, "tenant.approved_domain_added");
      expect(entry).toMatchObject({ targetId: "xn--bcher-kva.example", details: { before: null, after: { domain: "xn--bcher-kva.example" } } });
    },
  },
  {
    name: "removeDomain",
    call: (t) => removeDomain(t.slug, null, { domain: "existing.example" }),
    async verify(t) {
      expect((await snapshot(t.id)).domains).toEqual([]);
      const [entry] = await entriesOf(t.id, "tenant.approved_domain_removed");
      expect(entry).toMatchObject({ details: { before: { domain: "existing.example" }, after: null } });
    },
  },
  {
    name: "setMagicLinkLogin",
    adminAuth: "password",
    call: (t) => setMagicLinkLogin(t.slug, null, { magicLinkEnabled: false }),
    async verify(t) {
      expect((await snapshot(t.id)).row?.magicLinkEnabled).toBe(false);
      const [entry] = await entriesOf(t.id, "tenant.login_policy_updated");
      expect(entry).toMatchObject({ details: { before: { magicLinkEnabled: true }, after: { magicLinkEnabled: false } } });
    },
  },
];

describe.each(CASES)("$name", ({ call, verify, adminAuth }) => {
  let w: Awaited<ReturnType<typeof world>>;
  beforeEach(async () => {
    w = await world();
  });

  it("is allowed to an Admin of the tenant, and writes its before/after", async () => {
    signInAs(w.admin, adminAuth);
    expect(await call(w.tenant)).toMatchObject({ ok: true });
    await verify(w.tenant, w.admin);
  });

  it.each([
    ["a Viewer", "viewer", "FORBIDDEN"],
    ["an Editor", "editor", "FORBIDDEN"],
    ["an Admin of another tenant", "adminElsewhere", "NOT_FOUND"],
    ["a signed-out caller", null, "UNAUTHENTICATED"],
  ] as const)("refuses %s (%s → %s) and changes nothing", async (_label, who, code) => {
    const before = await snapshot(w.tenant.id);
    signInAs(who ? w[who] : null, "password");
    expect(await call(w.tenant)).toMatchObject({ ok: false, code });
    expect(await snapshot(w.tenant.id)).toEqual(before);
  });
});

describe("settings input", () => {
  it.each([
    [{ name: "", contactEmail: "" }, "name", /Enter a name/],
    [{ name: "Fine", contactEmail: "not-an-address" }, "contactEmail", /valid email address/],
    [{ name: "Fine", contactEmail: "a@b" }, "contactEmail", /valid email address/],
  ])("general settings reject %o with a message on %s, changing nothing", async (input, field, message) => {
    const w = await world();
    const before = await snapshot(w.tenant.id);
    signInAs(w.admin);
    expect(await updateGeneralSettings(w.tenant.slug, null, input)).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { [field]: [expect.stringMatching(message)] },
    });
    expect(await snapshot(w.tenant.id)).toEqual(before);
  });

  it("clears the contact email when it is emptied, and writes nothing when nothing changed", async () => {
    const w = await world();
    signInAs(w.admin);
    await updateGeneralSettings(w.tenant.slug, null, { name: w.tenant.name, contactEmail: "ops@example.com" });
    expect(await updateGeneralSettings(w.tenant.slug, null, { name: w.tenant.name, contactEmail: "" })).toMatchObject({ ok: true });
    expect((await snapshot(w.tenant.id)).row?.contactEmail).toBeNull();
    const entries = (await snapshot(w.tenant.id)).entries;
    expect(await updateGeneralSettings(w.tenant.slug, null, { name: ` ${w.tenant.name} `, contactEmail: "" })).toMatchObject({ ok: true });
    expect((await snapshot(w.tenant.id)).entries).toBe(entries);
  });

  it.each(["", "   ", "localhost", "not a domain", "1.2.3.4", "-bad.example", "exa_mple.com", "a..b"])(
    "addDomain rejects %j with a message on the field",
    async (domain) => {
      const w = await world();
      signInAs(w.admin);
      const before = await snapshot(w.tenant.id);
      const result = await addDomain(w.tenant.slug, null, { domain });
      expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { domain: [expect.stringMatching(/domain/)] } });
      expect(await snapshot(w.tenant.id)).toEqual(before);
    },
  );

  it("addDomain refuses a domain already approved, however it is written", async () => {
    const w = await world();
    signInAs(w.admin);
    for (const typed of ["existing.example", "EXISTING.example.", "@existing.example", "http://existing.example/x", "*.existing.example"]) {
      expect(await addDomain(w.tenant.slug, null, { domain: typed })).toMatchObject({
        ok: false,
        code: "CONFLICT",
        fieldErrors: { domain: ["existing.example is already approved."] },
      });
    }
    expect((await snapshot(w.tenant.id)).domains).toEqual(["existing.example"]);
  });

  it("removeDomain answers NOT_FOUND for a domain the tenant does not have", async () => {
    const w = await world();
    signInAs(w.admin);
    expect(await removeDomain(w.tenant.slug, null, { domain: "never.example" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("refuses to switch magic links off from the Admin's own magic-link session (it would lock them out)", async () => {
    const w = await world();
    signInAs(w.admin, "magic_link");
    const before = await snapshot(w.tenant.id);
    expect(await setMagicLinkLogin(w.tenant.slug, null, { magicLinkEnabled: "false" })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
      message: expect.stringMatching(/Sign in with your password/),
    });
    expect(await snapshot(w.tenant.id)).toEqual(before);
  });

  it("switches magic links back on", async () => {
    const w = await world();
    await withSystem((tx) => tx.update(tenants).set({ magicLinkEnabled: false }).where(eq(tenants.id, w.tenant.id)));
    signInAs(w.admin, "password");
    expect(await setMagicLinkLogin(w.tenant.slug, null, { magicLinkEnabled: "true" })).toMatchObject({ ok: true });
    expect((await snapshot(w.tenant.id)).row?.magicLinkEnabled).toBe(true);
  });
});
