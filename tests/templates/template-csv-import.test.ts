// CSV import into a table made from a workspace template whose removed column and live column share a
// label: the tenant gave up its extra column "Phone" (kept, removed, with its values) and the
// superadmin then renamed the template's column Age to "Phone". A file's "Phone" is the live column
// (the one the page shows), whichever of the two the table stored first.
import { Readable } from "node:stream";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { dataTableRows, tableTemplates } from "@/db/schema";
import { findDataTable } from "@/db/queries/data-tables";
import { importCsv } from "@/lib/data-tables/csv-import";
import type { EffectiveColumn } from "@/lib/templates/effective-table";
import { addMember, createTwoTenants, createUser, uniqueSuffix } from "../support/fixtures";
import { actingAs } from "../support/session";

vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createTableTemplate, updateTableTemplate } = await import("@/app/admin/templates/table-template-actions");
const { applyTableTemplate, customiseTableTemplate, resetTableTemplateField } = await import("@/app/t/[slug]/tables/templates/actions");

type User = { id: string; email: string };
let world: Awaited<ReturnType<typeof createTwoTenants>>;
let root: User;
let editor: User;

beforeAll(async () => {
  world = await createTwoTenants({ license: "enterprise" });
  root = await createUser("root", { isSuperadmin: true });
  editor = await createUser("editor");
  await addMember(world.a.id, editor.id, ["editor"]);
});

const ok = <T extends { ok: boolean }>(result: T) => {
  expect(result).toMatchObject({ ok: true });
  return result as Extract<T, { ok: true }>;
};

describe("CSV import into a template table with a removed and a live column of one label", () => {
  it("maps the header to the live column; the removed column's values stay as they were", async () => {
    const name = `Contacts ${uniqueSuffix()}`;
    const created = ok(await actingAs(root, () => createTableTemplate(null, { name, description: "", columns: [{ name: "Email", type: "text" }, { name: "Age", type: "number" }] })));
    const [template] = await withSystem((tx) => tx.select().from(tableTemplates).where(eq(tableTemplates.id, (created as { data: { id: string } }).data.id)));
    const table = ok(await actingAs(editor, () => applyTableTemplate(world.a.slug, null, { templateId: template!.id }))).data as { id: string };
    // The tenant adds the column Phone (text), then gives it up: it stays, removed, after Email and Age.
    ok(await actingAs(editor, () => customiseTableTemplate(world.a.slug, null, { tableId: table.id, name, labels: {}, columns: [{ name: "Phone", type: "text" }] })));
    ok(await actingAs(editor, () => resetTableTemplateField(world.a.slug, null, { tableId: table.id, field: "extraColumns" })));
    // The superadmin renames Age to Phone.
    ok(await actingAs(root, () => updateTableTemplate(null, { templateId: template!.id, name, description: "", columns: [template!.columns[0]!, { ...template!.columns[1]!, name: "Phone" }] })));

    const written = await withTenant({ tenantId: world.a.id, userId: null }, async (tx) => {
      const read = (await findDataTable(tx, table.id, { lock: "no key update" }))!;
      const columns = read.columns as EffectiveColumn[];
      expect(columns.map((column) => [column.name, column.type, column.source])).toEqual([
        ["Email", "text", "template"],
        ["Phone", "number", "template"],
        ["Phone", "text", "removed"],
      ]);
      const rows = await importCsv(tx, read, Readable.from(["Email,phone\n", "ann@example.com,42\n"]));
      const [row] = await tx.select().from(dataTableRows).where(eq(dataTableRows.tableId, table.id));
      return { rows, values: columns.map((column) => row!.values[column.key] ?? null) };
    });
    expect(written.rows).toBe(1);
    // 42 is the number column's (the live Phone), not the removed text column's.
    expect(written.values).toEqual(["ann@example.com", 42, null]);
  });
});
