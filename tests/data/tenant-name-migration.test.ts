// Migration 0021 makes tenant names unique regardless of case and spacing. Databases that already hold
// clashing names must not fail or lose a tenant: the oldest keeps its name, the others become
// "<name> (<slug>)", and the platform log says so. A clash that renaming cannot resolve stops the
// migration with an error instead of passing silently. Runs on a private database: it drops the index.
import "../support/own-database";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { executeAsOwner } from "@/db/catalog";
import { withSystem } from "@/db/scopes";
import { platformActivity, tenants } from "@/db/schema";
import { uniqueSuffix } from "../support/fixtures";
import { platformLogWhere } from "../support/platform-log";

const MIGRATION = readFileSync(new URL("../../db/migrations/0021_tenant_name_unique.sql", import.meta.url), "utf8")
  .split("--> statement-breakpoint")
  .map((statement) => statement.trim())
  .filter(Boolean);

/** Back to before the migration, with these tenants (name, slug) created one minute apart in order. */
async function beforeMigrationWith(rows: [name: string, slug: string][]) {
  const values = rows
    .map(([name, slug], i) => `('${name.replaceAll("'", "''")}', '${slug}', now() - interval '${rows.length - i} minutes')`)
    .join(", ");
  await executeAsOwner("drop index if exists tenants_name_normalised", `insert into tenants (name, slug, created_at) values ${values}`);
}

const namesBySlug = async (slugs: string[]) =>
  Object.fromEntries(
    (await withSystem((tx) => tx.select({ slug: tenants.slug, name: tenants.name }).from(tenants).where(inArray(tenants.slug, slugs)))).map(
      (t) => [t.slug, t.name],
    ),
  );

describe("migration 0021 on clashing tenant names", () => {
  it("keeps the oldest name, renames the others after their slug, logs each, and then enforces the rule", async () => {
    const s = uniqueSuffix();
    const [first, second, third, other] = [`acme-${s}`, `acme-two-${s}`, `acme-three-${s}`, `globex-${s}`];
    await beforeMigrationWith([
      [`Acme Corporation ${s}`, first],
      [`acme  corporation ${s}`, second],
      [` ACME Corporation ${s.toUpperCase()}`, third],
      [`Globex ${s}`, other],
    ]);
    await executeAsOwner(...MIGRATION);

    expect(await namesBySlug([first, second, third, other])).toEqual({
      [first]: `Acme Corporation ${s}`,
      [second]: `acme  corporation ${s} (${second})`,
      [third]: ` ACME Corporation ${s.toUpperCase()} (${third})`,
      [other]: `Globex ${s}`,
    });
    const entries = await platformLogWhere(eq(platformActivity.action, "tenant.settings_updated"));
    expect(entries.filter((e) => e.summary.includes(s)).map((e) => e.details)).toEqual(
      expect.arrayContaining([
        { before: { name: `acme  corporation ${s}` }, after: { name: `acme  corporation ${s} (${second})` } },
        { before: { name: ` ACME Corporation ${s.toUpperCase()}` }, after: { name: ` ACME Corporation ${s.toUpperCase()} (${third})` } },
      ]),
    );
    // The index is back: the same name in another spelling is refused.
    await expect(executeAsOwner(`insert into tenants (name, slug) values ('GLOBEX   ${s}', 'globex-again-${s}')`)).rejects.toThrow();
  });

  it("stops with an error, changing nothing, when a renamed name would clash again", async () => {
    const s = uniqueSuffix();
    const [older, newer, squatter] = [`x-${s}`, `x-two-${s}`, `x-three-${s}`];
    // The newer "x" would become "x (x-two-…)", which a third tenant already is.
    await beforeMigrationWith([
      [`X ${s}`, older],
      [`x ${s}`, newer],
      [`x ${s} (${newer})`, squatter],
    ]);
    await expect(executeAsOwner(...MIGRATION)).rejects.toThrow();
    expect(await namesBySlug([older, newer, squatter])).toEqual({
      [older]: `X ${s}`,
      [newer]: `x ${s}`,
      [squatter]: `x ${s} (${newer})`,
    });
    // Resolved by hand, the migration then runs.
    await executeAsOwner(`update tenants set name = 'Squatter ${s}' where slug = '${squatter}'`, ...MIGRATION);
    expect((await namesBySlug([newer]))[newer]).toBe(`x ${s} (${newer})`);
  });
});
