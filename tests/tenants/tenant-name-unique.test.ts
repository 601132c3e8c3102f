// Tenant names are unique regardless of case and spacing (issue 15, item 2): "Acme  corporation" and
// "acme Corporation" are one name, for creating a tenant and for renaming one, under concurrency too
// (the database's index decides, not a read before the write). The refusal is shown next to Name.
import { describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { withSystem } from "@/db/scopes";
import { tenants } from "@/db/schema";
import { TENANT_NAME_TAKEN } from "@/lib/tenant-fields";
import { addMember, createTenant as createTenantRow, createUser, uniqueSuffix } from "../support/fixtures";
import { actingAs, signInAs } from "../support/session";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));

const { createTenant } = await import("@/app/tenants/new/actions");
const { updateGeneralSettings } = await import("@/app/t/[slug]/settings/actions");

const NAME_TAKEN = { ok: false, code: "CONFLICT", fieldErrors: { name: [TENANT_NAME_TAKEN] } };
/** Tenant names containing `fragment`, in any case. */
const namesLike = (fragment: string) =>
  withSystem(async (tx) =>
    (await tx.select({ name: tenants.name }).from(tenants)).map((t) => t.name).filter((n) => n.toLowerCase().includes(fragment.toLowerCase())),
  );

async function creator() {
  const user = await createUser("namer", { canCreateTenants: true, tenantLimit: 10 });
  signInAs(user);
  return user;
}

describe("creating a tenant", () => {
  it('refuses "acme Corporation" once "Acme  corporation" exists, next to Name, and creates nothing', async () => {
    await creator();
    const word = `Acme${uniqueSuffix()}`;
    expect(await createTenant(null, { name: `${word}  corporation`, slug: `a-${uniqueSuffix()}` })).toMatchObject({ ok: true });
    for (const name of [`${word.toLowerCase()} Corporation`, ` ${word.toUpperCase()}   CORPORATION `]) {
      expect(await createTenant(null, { name, slug: `b-${uniqueSuffix()}` })).toMatchObject(NAME_TAKEN);
    }
    expect(await namesLike(word)).toEqual([`${word}  corporation`]);
    // Other words are other names.
    expect(await createTenant(null, { name: `${word} corporations`, slug: `c-${uniqueSuffix()}` })).toMatchObject({ ok: true });
  });

  it("creations of one name at once by different users (no shared lock): exactly one wins, the rest are told next to Name", async () => {
    const racers = await Promise.all([1, 2, 3, 4, 5].map((i) => createUser(`racer-${i}`, { canCreateTenants: true, tenantLimit: 10 })));
    const word = `Race${uniqueSuffix()}`;
    const spellings = [`${word} Corporation`, `${word.toLowerCase()}  corporation`, ` ${word.toUpperCase()} CORPORATION`];
    const results = await Promise.all(
      racers.map((racer, i) =>
        actingAs(racer, () => createTenant(null, { name: spellings[i % spellings.length]!, slug: `r${i}-${uniqueSuffix()}` })),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const refused of results.filter((r) => !r.ok)) expect(refused).toMatchObject(NAME_TAKEN);
    expect(await namesLike(word.slice(4).toLowerCase())).toHaveLength(1);
  });
});

describe("renaming a tenant", () => {
  it("refuses another tenant's name in any case and spacing, next to Name; its own name in new case is fine", async () => {
    const taken = await createTenantRow("taken");
    const mine = await createTenantRow("mine");
    const admin = await createUser("renamer");
    await addMember(mine.id, admin.id, ["admin"]);
    signInAs(admin);
    const clash = `  ${taken.name.toUpperCase().replace(" ", "   ")} `;
    expect(await updateGeneralSettings(mine.slug, null, { name: clash, contactEmail: "" })).toMatchObject(NAME_TAKEN);
    const [row] = await withSystem((tx) => tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, mine.id)));
    expect(row!.name).toBe(mine.name);
    expect(await updateGeneralSettings(mine.slug, null, { name: mine.name.toUpperCase(), contactEmail: "" })).toMatchObject({ ok: true });
  });
});

describe("reserved slugs", () => {
  it("refuses the sign-in pages' own words as a slug", async () => {
    await creator();
    expect(await createTenant(null, { name: `Two ${uniqueSuffix()}`, slug: "two-factor" })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { slug: ["That slug is reserved. Choose another."] },
    });
  });
});
