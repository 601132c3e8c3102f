// A workspace table template renamed by a superadmin to the name of one of a tenant's own tables: the
// console cannot refuse that for every tenant, so the tenant never sees two tables of one name. Its own
// table keeps the name; the template table reads with " (template)" after it, in the list and on its
// page alike, until the tenant customises its name; and a customised name equal to one of the
// tenant's own tables (in any case) is refused next to the field. Another tenant is not affected.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { tableTemplates } from "@/db/schema";
import { findDataTable, listDataTables } from "@/db/queries/data-tables";
import { TEMPLATE_NAME_SUFFIX } from "@/lib/templates/effective-table";
import { addMember, createTwoTenants, createUser, uniqueSuffix } from "../support/fixtures";
import { actingAs } from "../support/session";

vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createTableTemplate, updateTableTemplate } = await import("@/app/admin/templates/table-template-actions");
const { applyTableTemplate, customiseTableTemplate } = await import("@/app/t/[slug]/tables/templates/actions");
const { createDataTable } = await import("@/app/t/[slug]/tables/actions");

type User = { id: string; email: string };
let world: Awaited<ReturnType<typeof createTwoTenants>>;
let root: User;
let editorA: User;
let editorB: User;

beforeAll(async () => {
  world = await createTwoTenants({ license: "enterprise" });
  root = await createUser("root", { isSuperadmin: true });
  [editorA, editorB] = [await createUser("editor-a"), await createUser("editor-b")];
  await addMember(world.a.id, editorA.id, ["editor"]);
  await addMember(world.b.id, editorB.id, ["editor"]);
});

const names = (tenantId: string) => withTenant({ tenantId, userId: null }, async (tx) => (await listDataTables(tx)).map((table) => table.name).sort());
const nameOf = (tenantId: string, tableId: string) => withTenant({ tenantId, userId: null }, async (tx) => (await findDataTable(tx, tableId))!.name);

describe("a template renamed to a name one of the tenant's own tables has", () => {
  it("the own table keeps it; the template table reads with a suffix until customised; a clashing customised name is refused", async () => {
    const ownName = `Clients ${uniqueSuffix()}`;
    expect(await actingAs(editorA, () => createDataTable(world.a.slug, null, { name: ownName, columns: [{ name: "Email", type: "text" }] }))).toMatchObject({ ok: true });
    const templateName = `Contacts ${uniqueSuffix()}`;
    const created = await actingAs(root, () => createTableTemplate(null, { name: templateName, description: "", columns: [{ name: "Email", type: "text" }] }));
    const [template] = await withSystem((tx) => tx.select().from(tableTemplates).where(eq(tableTemplates.id, (created as { data: { id: string } }).data.id)));
    const usedA = await actingAs(editorA, () => applyTableTemplate(world.a.slug, null, { templateId: template!.id }));
    const usedB = await actingAs(editorB, () => applyTableTemplate(world.b.slug, null, { templateId: template!.id }));
    const [tableA, tableB] = [usedA, usedB].map((result) => (result as { data: { id: string } }).data.id) as [string, string];

    // Renamed to the tenant's own table's name, in another case.
    expect(await actingAs(root, () => updateTableTemplate(null, { templateId: template!.id, name: ownName.toUpperCase(), description: "", columns: template!.columns }))).toMatchObject({ ok: true });
    expect(await names(world.a.id)).toEqual([`${ownName.toUpperCase()}${TEMPLATE_NAME_SUFFIX}`, ownName].sort());
    expect(await nameOf(world.a.id, tableA)).toBe(`${ownName.toUpperCase()}${TEMPLATE_NAME_SUFFIX}`);
    // B has no table of that name: it reads the template's name as it is.
    expect(await nameOf(world.b.id, tableB)).toBe(ownName.toUpperCase());

    // A customised name equal to an own table's is refused next to the field; another is saved and read without the suffix.
    expect(await actingAs(editorA, () => customiseTableTemplate(world.a.slug, null, { tableId: tableA, name: ownName.toLowerCase(), labels: {}, columns: [] }))).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { name: ["A table with this name already exists in this tenant."] },
    });
    expect(await actingAs(editorA, () => customiseTableTemplate(world.a.slug, null, { tableId: tableA, name: "Template contacts", labels: {}, columns: [] }))).toMatchObject({ ok: true });
    expect(await nameOf(world.a.id, tableA)).toBe("Template contacts");
    expect(await names(world.a.id)).toEqual([ownName, "Template contacts"].sort());
  });
});
