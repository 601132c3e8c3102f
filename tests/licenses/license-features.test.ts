// Paid features (lib/licenses.ts), each attacked from each license: an Admin of a Free tenant used to
// export CSV, approve domains and switch magic links off. Now the server actions refuse with
// LICENSE_REQUIRED (naming the license needed, changing nothing and writing nothing) and the export
// route answers 403, but only to members (others still get the 404 that reveals nothing).
// A downgrade removes nothing: what was set up stays in force, may be relaxed, and may not be extended.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { addApprovedDomain, listApprovedDomains } from "@/db/queries/approved-domains";
import { activity, tenants } from "@/db/schema";
import { FEATURES, LICENSE_KEYS, licenseAllows, type LicenseKey } from "@/lib/licenses";
import { addMember, createTenant, createUser } from "../support/fixtures";
import { signInAs } from "../support/session";

const ORIGIN = "http://tenantry.test";
process.env.AUTH_URL ??= ORIGIN;

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "tenantry.test" }), cookies: async () => ({ get: () => undefined }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { addDomain, removeDomain, setMagicLinkLogin } = await import("@/app/t/[slug]/settings/actions");
const { POST: exportPost } = await import("@/app/t/[slug]/activity/export/route");
const { addMember: addMemberAction } = await import("@/app/t/[slug]/members/actions/add-member");
const { setTenantLicense } = await import("@/app/admin/actions");

type User = { id: string; email: string };
type Tenant = { id: string; slug: string; name: string };

const LICENSE_LABEL = { free: "Free", team: "Team", enterprise: "Enterprise" } as const;

async function tenantOn(license: LicenseKey) {
  const tenant = await createTenant(`lic-${license}`, { license });
  const admin = await createUser(`lic-${license}-admin`);
  await addMember(tenant.id, admin.id, ["admin"]);
  return { tenant, admin };
}

async function tenantState(tenantId: string) {
  const [row] = await withSystem((tx) => tx.select({ magicLinkEnabled: tenants.magicLinkEnabled, license: tenants.license }).from(tenants).where(eq(tenants.id, tenantId)));
  return withTenant({ tenantId, userId: null }, async (tx) => ({
    ...row!,
    domains: await listApprovedDomains(tx),
    entries: (await tx.select({ n: count() }).from(activity).where(eq(activity.tenantId, tenantId)))[0]!.n,
  }));
}

const entriesOf = (tenantId: string, action: string) =>
  withTenant({ tenantId, userId: null }, (tx) => tx.select().from(activity).where(and(eq(activity.tenantId, tenantId), eq(activity.action, action))));

function postExport(slug: string) {
  const headers = { "sec-fetch-site": "same-origin", origin: ORIGIN };
  return exportPost(new Request(`${ORIGIN}/t/${slug}/activity/export`, { method: "POST", headers, body: new URLSearchParams() }), {
    params: Promise.resolve({ slug }),
  });
}

/** Each feature as the Admin uses it, and what proves it was used. */
const FEATURE_USES = {
  approvedDomains: {
    use: (t: Tenant) => addDomain(t.slug, null, { domain: "partner.example" }),
    async used(t: Tenant) {
      return (await tenantState(t.id)).domains.includes("partner.example");
    },
  },
  passwordOnlyLogin: {
    use: (t: Tenant) => setMagicLinkLogin(t.slug, null, { magicLinkEnabled: false }),
    async used(t: Tenant) {
      return !(await tenantState(t.id)).magicLinkEnabled;
    },
  },
} as const;

describe.each(LICENSE_KEYS)("a tenant on the %s license", (license) => {
  let tenant: Tenant;
  let admin: User;
  beforeAll(async () => {
    ({ tenant, admin } = await tenantOn(license));
  });

  describe.each(Object.keys(FEATURE_USES) as (keyof typeof FEATURE_USES)[])("server action for %s", (feature) => {
    const allowed = licenseAllows(license, feature);
    it(allowed ? "is allowed, and used" : "is refused with LICENSE_REQUIRED naming the license, and changes nothing", async () => {
      signInAs(admin, "password");
      const before = await tenantState(tenant.id);
      const result = await FEATURE_USES[feature].use(tenant);
      if (allowed) {
        expect(result).toMatchObject({ ok: true });
        expect(await FEATURE_USES[feature].used(tenant)).toBe(true);
        return;
      }
      const needed = LICENSE_LABEL[FEATURES[feature].license];
      expect(result).toMatchObject({ ok: false, code: "LICENSE_REQUIRED" });
      expect(result.ok === false && result.message).toBe(
        `The ${needed} license or higher is needed for ${FEATURES[feature].use}. This tenant has the ${LICENSE_LABEL[license]} license; ask a platform administrator to upgrade it.`,
      );
      expect(await tenantState(tenant.id)).toEqual(before);
    });
  });

  it(licenseAllows(license, "csvExport") ? "exports CSV, recorded in the log" : "answers 403 to a member's CSV export, naming the license, and writes nothing", async () => {
    signInAs(admin, "password"); // the Enterprise tenant's magic links were switched off above
    const before = (await entriesOf(tenant.id, "activity.exported")).length;
    const response = await postExport(tenant.slug);
    if (licenseAllows(license, "csvExport")) {
      expect(response.status).toBe(200);
      expect(await response.text()).toMatch(/^time_utc,/);
      expect(await entriesOf(tenant.id, "activity.exported")).toHaveLength(before + 1);
      return;
    }
    expect(response.status).toBe(403);
    expect(await response.text()).toBe(
      "The Team license or higher is needed for exporting the activity log as CSV. This tenant has the Free license; ask a platform administrator to upgrade it.",
    );
    expect(await entriesOf(tenant.id, "activity.exported")).toHaveLength(before);
  });

  it("answers 404 to an export by a non-member, whatever the license (the license is told only to members)", async () => {
    signInAs(await createUser(`lic-${license}-outsider`));
    const response = await postExport(tenant.slug);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toMatch(/license/i);
  });
});

describe("a downgrade", () => {
  let tenant: Tenant;
  let admin: User;
  let root: User;
  beforeAll(async () => {
    ({ tenant, admin } = await tenantOn("enterprise"));
    root = await createUser("lic-root", { isSuperadmin: true });
    await withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
      await addApprovedDomain(tx, "kept.example");
      await addApprovedDomain(tx, "dropped.example");
    });
    signInAs(admin, "password");
    expect(await setMagicLinkLogin(tenant.slug, null, { magicLinkEnabled: false })).toMatchObject({ ok: true });
    signInAs(root);
    expect(await setTenantLicense(null, { tenantId: tenant.id, license: "free" })).toMatchObject({ ok: true });
  });

  it("removes nothing: the domains and the password-only policy stay as they were", async () => {
    expect(await tenantState(tenant.id)).toMatchObject({ license: "free", magicLinkEnabled: false, domains: ["dropped.example", "kept.example"] });
  });

  it("keeps the approved domains in force: an address outside them is still refused", async () => {
    signInAs(admin, "password");
    const result = await addMemberAction(tenant.slug, null, { email: "someone@elsewhere.example", roles: ["viewer"] });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
  });

  it("refuses extending them (another domain) but allows relaxing them (removing one)", async () => {
    signInAs(admin, "password");
    expect(await addDomain(tenant.slug, null, { domain: "new.example" })).toMatchObject({
      ok: false,
      code: "LICENSE_REQUIRED",
      fieldErrors: { domain: [expect.stringContaining("The Team license or higher is needed for adding approved domains.")] },
    });
    expect(await removeDomain(tenant.slug, null, { domain: "dropped.example" })).toMatchObject({ ok: true });
    expect((await tenantState(tenant.id)).domains).toEqual(["kept.example"]);
  });

  it("allows switching magic links back on, and then refuses switching them off again", async () => {
    signInAs(admin, "password");
    expect(await setMagicLinkLogin(tenant.slug, null, { magicLinkEnabled: true })).toMatchObject({ ok: true });
    expect((await tenantState(tenant.id)).magicLinkEnabled).toBe(true);
    expect(await setMagicLinkLogin(tenant.slug, null, { magicLinkEnabled: false })).toMatchObject({ ok: false, code: "LICENSE_REQUIRED" });
    expect((await tenantState(tenant.id)).magicLinkEnabled).toBe(true);
  });

  it("an upgrade brings the feature back", async () => {
    signInAs(root);
    expect(await setTenantLicense(null, { tenantId: tenant.id, license: "team" })).toMatchObject({ ok: true });
    signInAs(admin, "password");
    expect(await addDomain(tenant.slug, null, { domain: "new.example" })).toMatchObject({ ok: true });
    // Team still lacks the password-only policy.
    expect(await setMagicLinkLogin(tenant.slug, null, { magicLinkEnabled: false })).toMatchObject({ ok: false, code: "LICENSE_REQUIRED" });
  });
});
