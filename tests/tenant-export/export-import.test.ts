// Tenant export and import (issue 16, item 3) through the real route handler and server actions: a
// round trip into a new tenant gives the same file again (modulo ids, timestamps and the passphrase's
// random salt and IVs); the dry run writes nothing; a tampered, re-versioned or foreign file is refused
// next to the upload field with nothing written; credentials travel only under a passphrase; only
// Admins of the tenant may export or import, under the package IP allow-list; and an import never
// touches another tenant.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { activity, connections, dashboards, dashboardWidgets, dataTableRows, dataTables, flows, flowTemplateUses, flowVersions, memberships, tableTemplates, tableTemplateUses, tenantGroupFlows, tenantGroupMembers, tenantGroups, tenants } from "@/db/schema";
import { listDataTables } from "@/db/queries/data-tables";
import { listFlowVersions } from "@/db/queries/flow-versions";
import { findDataTable, insertDataTable } from "@/db/queries/data-tables";
import { widgetData } from "@/lib/dashboards/widget-data";
import type { WidgetConfig } from "@/lib/dashboards/widget-config";
import { NEEDS_SECRET_MESSAGE } from "@/lib/connections/connection-config";
import { openConnectionSecrets } from "@/lib/connections/connection-secrets";
import { IMPORTED_WITHOUT_SECRET } from "@/lib/tenant-export/import-connections";
import { replaceIpAllowLists } from "@/db/queries/ip-allow-lists";
import { IP_REFUSED_MESSAGE } from "@/lib/ip-allow-list";
import { runWithClientAddress } from "@/lib/request-address";
import { deriveKey, openValue } from "@/lib/tenant-export/passphrase-cipher";
import { CHECKSUM_MISMATCH, NOT_A_DATA_FILE } from "@/lib/tenant-export/read-file";
import { WRONG_PASSPHRASE } from "@/lib/tenant-export/apply-import";
import type { ImportPlan } from "@/lib/tenant-export/import-plan";
import { addMember, createTenant, createTwoTenants, createUser, uniqueSuffix } from "../support/fixtures";
import { actingAs } from "../support/session";
import { exportTenant, fileOf, lines, OFFICE_IP, rewritten, snapshot } from "./support";

vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});
vi.hoisted(() => {
  process.env.AUTH_URL = "http://tenantry.test";
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "tenantry.test" }), cookies: async () => ({ get: () => undefined }) }));

const { importTenantData, previewTenantImport } = await import("@/app/t/[slug]/settings/export-import/actions");
const { updateGeneralSettings, addDomain, saveIpAllowLists } = await import("@/app/t/[slug]/settings/actions");
const { createFlow, saveFlowSteps } = await import("@/app/t/[slug]/flows/actions");
const { createPackage, deployPackage } = await import("@/app/t/[slug]/packages/actions");
const { createGroup } = await import("@/app/t/[slug]/groups/actions/create-group");
const { addGroupMember } = await import("@/app/t/[slug]/groups/actions/group-membership");
const { setGroupFlowScope, addGroupFlow } = await import("@/app/t/[slug]/groups/actions/group-flow-scope");
const { createDataTable, addRow } = await import("@/app/t/[slug]/tables/actions");
const { addCredential } = await import("@/app/t/[slug]/credentials/actions");
const { createConnection, updateConnectionAction, activateConnection } = await import("@/app/t/[slug]/connections/actions");
const { applyFlowTemplate, customiseFlowTemplate } = await import("@/app/t/[slug]/flows/templates/actions");
const { createFlowTemplate, updateFlowTemplate } = await import("@/app/admin/templates/actions");
const { createTableTemplate, updateTableTemplate } = await import("@/app/admin/templates/table-template-actions");
const { applyTableTemplate, customiseTableTemplate } = await import("@/app/t/[slug]/tables/templates/actions");
const { createDashboard, addWidget } = await import("@/app/t/[slug]/dashboards/actions");
const { setTwoFactorRequirement } = await import("@/app/t/[slug]/settings/actions");

type User = { id: string; email: string };
/** Tenant A's flows as an import's plan names them (by environment, then name). */
const ALL_FLOWS = ["Draft (Development)", "Checksums (Production)", "Draft (Production)", "Nightly sync (Production)"];
const PASSPHRASE = "correct horse battery staple";
let world: Awaited<ReturnType<typeof createTwoTenants>>;
let viewerA: User;
let viewerMembershipA: { id: string };
let editorA: User;
let suspendedA: User;
let root: User;
let payrollApi: { id: string };
let checksums: { id: string };
/** Tenant A's table template (Contacts) and the key of its column. */
let contactsTemplate: { id: string };
let emailKey: string;
/** The Contacts table's columns' value keys (E-mail: the template's, Phone: the tenant's extra column). */
let contactKeys: [string, string];
/** Tenant A's export with its credentials (under PASSPHRASE) and without. */
let withCredentials: string;
let withoutCredentials: string;

const as = <T>(user: User | null, work: () => Promise<T>) => runWithClientAddress(OFFICE_IP, () => actingAs(user, work));
const importAs = (user: User | null, slug: string, text: string, passphrase = "", dryRun = false) =>
  as(user, () => (dryRun ? previewTenantImport : importTenantData)(slug, null, { file: fileOf(text), passphrase }));
const expectOk = <T>(result: { ok: boolean; message?: string; data?: T }) => {
  expect(result, result.message).toMatchObject({ ok: true });
  return result.data as T;
};

/** The flows of a tenant made from workspace templates (their customisations are template_use records). */
const templateFlowIdsOf = async (tenantId: string) =>
  new Set((await withTenant({ tenantId, userId: null }, (tx) => tx.select({ flowId: flowTemplateUses.flowId }).from(flowTemplateUses))).map((row) => row.flowId));

/** An Admin of a new, empty Enterprise tenant. */
async function emptyTenantWithAdmin(admin: User) {
  const tenant = await createTenant("target", { license: "enterprise" });
  await addMember(tenant.id, admin.id, ["admin"]);
  return tenant;
}

/** A settings or group record as versions 1 and 2 wrote it: no chosen two-factor groups. */
const withoutTwoFactorChoice = (record: Record<string, unknown>) => {
  if (record.kind !== "group" && record.kind !== "settings") return record;
  const copy = { ...record };
  if (record.kind === "group") {
    delete copy.twoFactorRequired;
    delete copy.flowsScoped;
    delete copy.flowIds;
  }
  else delete copy.twoFactorRoles;
  return copy;
};

/** The file as a version 1 console wrote it: no groups, versions or packages; Production's flows by name only. */
const versionOne = (text: string) =>
  rewritten(text, ([header, ...records]) => [
    { ...header, version: 1 },
    ...records
      .filter((record) => !["group", "flow_version", "package", "connection", "template_use", "dashboard", "table_template_use"].includes(record.kind as string) && (record.kind !== "flow" || record.environment === "production"))
      .map((record) => (record.kind === "flow" ? { kind: "flow", name: record.name, steps: record.steps } : withoutTwoFactorChoice(record))),
  ]);

/** The file as a version 2 console wrote it: no connections, template customisations or chosen two-factor groups. */
const versionTwo = (text: string) =>
  rewritten(text, ([header, ...records]) => [{ ...header, version: 2 }, ...records.filter((record) => !["connection", "template_use", "dashboard", "table_template_use"].includes(record.kind as string)).map(withoutTwoFactorChoice)]);

/** The file's content without what differs between two exports of the same data: the time, the source's name, the salt and IVs. */
function content(text: string, passphrase: string | null) {
  const [header, ...records] = lines(text).slice(0, -1);
  const kdf = header!.credentials as Parameters<typeof deriveKey>[1] | null;
  const key = kdf && passphrase ? deriveKey(passphrase, kdf) : null;
  return {
    header: { format: header!.format, version: header!.version, counts: header!.counts, credentials: kdf ? "sealed" : null },
    records: records.map((record) => {
      if (record.kind === "connection") {
        const sealed = record.secrets as { iv: string; authTag: string; ciphertext: string } | null;
        return { ...record, secrets: key && sealed ? openValue(key, { connectionId: record.id as string }, sealed) : null };
      }
      if (record.kind !== "credential") return record;
      const { iv, authTag, ciphertext, ...rest } = record as { iv: string; authTag: string; ciphertext: string; name: string };
      return { ...rest, value: key ? openValue(key, rest.name, { iv, authTag, ciphertext }) : null };
    }),
  };
}

beforeAll(async () => {
  world = await createTwoTenants({ license: "enterprise" });
  viewerA = await createUser("viewer-a");
  editorA = await createUser("editor-a");
  viewerMembershipA = await addMember(world.a.id, viewerA.id, ["viewer"]);
  await addMember(world.a.id, editorA.id, ["editor"]);
  suspendedA = await createUser("suspended-a");
  await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.insert(memberships).values({ tenantId: world.a.id, userId: suspendedA.id, roles: ["admin"], status: "suspended" }));
  // Tenant A's data, made through the console's own actions.
  const { slug } = world.a;
  const admin = world.adminA;
  expectOk(await as(admin, () => updateGeneralSettings(slug, null, { name: world.a.name, contactEmail: "ops@alpha.test" })));
  expectOk(await as(admin, () => addDomain(slug, null, { domain: "alpha.test" })));
  expectOk(await as(admin, () => saveIpAllowLists(slug, null, { run: "", edit: "", admin: "10.0.0.0/8", package: "10.0.0.0/8\n2001:db8::/32" })));
  expectOk(await as(admin, () => createFlow(slug, null, { name: "Nightly sync", steps: ["validate", "transform", "credential:Payroll token"] })));
  checksums = expectOk<{ id: string }>(await as(admin, () => createFlow(slug, null, { name: "Checksums", steps: ["checksum"] })));
  // Groups (one with a member, who is not in the file), a Development flow saved twice, packaged and
  // deployed to Production (the same id in two environments, versions that name the package).
  const auditors = expectOk<{ id: string }>(await as(admin, () => createGroup(slug, null, { name: "Auditors", permissions: ["activity.read", "flows.read"] })));
  expectOk(await as(admin, () => addGroupMember(slug, null, { groupId: auditors.id, memberId: viewerMembershipA.id })));
  // Auditors' flow permissions narrowed to one flow (by id).
  expectOk(await as(admin, () => setGroupFlowScope(slug, null, { groupId: auditors.id, flowScope: "selected" })));
  expectOk(await as(admin, () => addGroupFlow(slug, null, { groupId: auditors.id, flowId: checksums.id })));
  expectOk(await as(admin, () => createGroup(slug, null, { name: "Releasers", permissions: ["packages.manage"] })));
  const draft = expectOk<{ id: string }>(await as(admin, () => createFlow(slug, null, { environment: "development", name: "Draft", steps: ["validate"] })));
  expectOk(await as(admin, () => saveFlowSteps(slug, null, { environment: "development", flowId: draft.id, steps: ["validate", "notify"] })));
  const release = expectOk<{ id: string }>(await as(admin, () => createPackage(slug, null, { name: "Release 1", environment: "development", flowIds: [draft.id] })));
  expectOk(await as(admin, () => deployPackage(slug, null, { packageId: release.id, environment: "production" })));
  const table = expectOk<{ id: string }>(
    await as(admin, () =>
      createDataTable(slug, null, { name: "Customers", columns: [{ name: "Name", type: "text" }, { name: "Seats", type: "number" }, { name: "Active", type: "boolean" }, { name: "Since", type: "date" }] }),
    ),
  );
  for (const [name, seats, active, since] of [["Ada", "3", "on", "2026-01-02"], ["Grace", "", "", ""], ["Linus", "12.5", "on", "2025-12-31"]] as const) {
    expectOk(await as(admin, () => addRow(slug, null, { tableId: table.id, c0: name, c1: seats, c2: active, c3: since })));
  }
  expectOk(await as(admin, () => createDataTable(slug, null, { name: "Empty", columns: [{ name: "Note", type: "text" }] })));
  expectOk(await as(admin, () => addCredential(slug, null, { name: "Payroll token", value: "s3cr3t-payroll-value", description: "for the payroll API" })));
  expectOk(await as(admin, () => addCredential(slug, null, { name: "Short", value: "abc" })));
  // Connections (one with a secret token, one incoming webhook), a customised flow template, and
  // two-factor required of chosen groups (a built-in one and a custom one).
  payrollApi = expectOk<{ id: string }>(
    await as(admin, () => createConnection(slug, null, { name: "Payroll API", connector: "http_api", baseUrl: "https://payroll.example.com", authType: "bearer", token: "payroll-api-token" })),
  );
  expectOk(await as(admin, () => createConnection(slug, null, { name: "Inbox", connector: "incoming_webhook" })));
  root = await createUser("root", { isSuperadmin: true });
  const template = expectOk<{ id: string }>(await actingAs(root, () => createFlowTemplate(null, { name: "Onboarding", description: "Welcome a customer", steps: ["validate", "notify"] })));
  const use = expectOk<{ id: string }>(await as(admin, () => applyFlowTemplate(slug, null, { templateId: template.id })));
  expectOk(await as(admin, () => customiseFlowTemplate(slug, null, { useId: use.id, name: "Onboarding (Alpha)", description: "Welcome a customer", extraSteps: ["checksum"] })));
  // A table made from a workspace table template, customised (name, a label, an extra column), with a
  // row (stored under the columns' keys); a dashboard whose widgets read two tables (by id) and the runs.
  contactsTemplate = expectOk<{ id: string }>(await actingAs(root, () => createTableTemplate(null, { name: "Contacts", description: "People", columns: [{ name: "Email", type: "text" }] })));
  const [contactsRow] = await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.select().from(tableTemplates).where(eq(tableTemplates.id, contactsTemplate.id)));
  emailKey = contactsRow!.columns[0]!.key;
  const contacts = expectOk<{ id: string }>(await as(admin, () => applyTableTemplate(slug, null, { templateId: contactsTemplate.id })));
  expectOk(await as(admin, () => customiseTableTemplate(slug, null, { tableId: contacts.id, name: "Contacts (Alpha)", labels: { [emailKey]: "E-mail" }, columns: [{ name: "Phone", type: "text" }] })));
  expectOk(await as(admin, () => addRow(slug, null, { tableId: contacts.id, c0: "ada@alpha.test", c1: "555-0100" })));
  const overview = expectOk<{ id: string }>(await as(admin, () => createDashboard(slug, null, { name: "Overview" })));
  expectOk(await as(admin, () => addWidget(slug, null, { dashboardId: overview.id, kind: "number", title: "Customers", source: `table:${table.id}`, measure: "count" })));
  expectOk(await as(admin, () => addWidget(slug, null, { dashboardId: overview.id, kind: "chart", title: "Runs per day", source: "flow_runs", days: "30" })));
  // The widget names the columns by key (a relabelled column keeps its widgets), as the form sends them.
  const contactsTable = await withTenant({ tenantId: world.a.id, userId: null }, (tx) => findDataTable(tx, contacts.id));
  contactKeys = contactsTable!.columns.map((column) => column.key!) as [string, string];
  expect(contactKeys[0]).toBe(`t:${emailKey}:text`);
  expectOk(await as(admin, () => addWidget(slug, null, { dashboardId: overview.id, kind: "table", title: "Contacts", source: `table:${contacts.id}`, rows: "10", columns: contactKeys })));
  const releasers = await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.select({ id: tenantGroups.id }).from(tenantGroups).where(eq(tenantGroups.name, "Releasers")));
  expectOk(await as(admin, () => setTwoFactorRequirement(slug, null, { twoFactorRequired: "groups", twoFactorGroups: ["editor", releasers[0]!.id] })));

  const exported = await exportTenant(slug, admin, PASSPHRASE);
  const plain = await exportTenant(slug, admin);
  expect([exported.status, plain.status]).toEqual([200, 200]);
  [withCredentials, withoutCredentials] = [exported.text, plain.text];
  // The files hold the requirement; tenant A itself goes back to none, so its Editor and Viewer act in the tests below without enrolling.
  expectOk(await as(admin, () => setTwoFactorRequirement(slug, null, { twoFactorRequired: "off" })));
  // A dozen actions and two exports (scrypt included): more than the default hook time on a busy machine.
}, 180_000);

describe("the exported file", () => {
  it("is versioned, checksummed JSON lines with no tenant or member ids, no members or plaintext secrets", () => {
    const records = lines(withCredentials);
    expect(records[0]).toMatchObject({
      format: "tenantry.tenant-data",
      version: 4,
      counts: { settings: 1, domain: 1, ip_allow_list: 2, group: 2, connection: 2, flow: 4, flow_version: 5, package: 1, template_use: 1, dashboard: 1, table_template_use: 1, table: 3, row: 4, credential: 2 },
    });
    expect(records.at(-1)).toMatchObject({ kind: "checksum", algorithm: "sha256" });
    expect(records.slice(1, -1).map((record) => record.kind)).toEqual([
      ...["settings", "domain", "ip_allow_list", "ip_allow_list", "group", "group", "connection", "connection"],
      ...["flow", "flow", "flow", "flow", "flow_version", "flow_version", "flow_version", "flow_version", "flow_version", "package", "template_use"],
      ...["dashboard", "table_template_use", "table", "row", "table", "row", "row", "row", "table", "credential", "credential"],
    ]);
    expect(records.filter((record) => record.kind === "table").map((record) => record.name)).toEqual(["Contacts (Alpha)", "Customers", "Empty"]);
    expect(records.find((record) => record.kind === "row" && record.table === "Customers")).toMatchObject({ table: "Customers", values: { Name: "Ada", Seats: 3, Active: true, Since: "2026-01-02" } });
    // Widgets name their tables by name, never by id; the table template customisation names its table;
    // a table made from a template goes by the name the tenant sees (not the template's, it was stored under).
    expect(records.find((record) => record.kind === "dashboard")).toEqual({
      kind: "dashboard",
      name: "Overview",
      widgets: [
        { kind: "number", title: "Customers", table: "Customers", config: { source: "table", measure: "count" } },
        { kind: "chart", title: "Runs per day", table: null, config: { source: "flow_runs", days: 30 } },
        { kind: "table", title: "Contacts", table: "Contacts (Alpha)", config: { source: "table", columns: contactKeys, rows: 10 } },
      ],
    });
    expect(records.find((record) => record.kind === "table_template_use")).toEqual({
      kind: "table_template_use",
      templateId: contactsTemplate.id,
      templateName: "Contacts",
      table: "Contacts (Alpha)",
      name: "Contacts (Alpha)",
      columnLabels: { [emailKey]: "E-mail" },
      extraColumns: [{ key: expect.any(String), name: "Phone", type: "text" }],
    });
    for (const id of [world.a.id, world.adminA.id, viewerA.id]) expect(withCredentials).not.toContain(id);
    // Groups carry their permissions, never who is in them.
    expect(records.filter((record) => record.kind === "group")).toEqual([
      { kind: "group", name: "Auditors", permissions: ["activity.read", "flows.read"], twoFactorRequired: false, flowsScoped: true, flowIds: [checksums.id] },
      { kind: "group", name: "Releasers", permissions: ["packages.manage"], twoFactorRequired: true, flowsScoped: false, flowIds: [] },
    ]);
    // The chosen two-factor groups: the built-in ones on the settings record, the custom ones above.
    expect(records.find((record) => record.kind === "settings")).toMatchObject({ twoFactorRequired: "groups", twoFactorRoles: ["editor"] });
    // Connections with their settings and ids (flow steps name them by id); the template customisation by template id.
    expect(records.filter((record) => record.kind === "connection").map((record) => ({ ...record, secrets: "sealed or not" }))).toEqual([
      { kind: "connection", id: expect.any(String), name: "Inbox", connector: "incoming_webhook", settings: {}, status: "active", secrets: "sealed or not" },
      { kind: "connection", id: payrollApi.id, name: "Payroll API", connector: "http_api", settings: { baseUrl: "https://payroll.example.com", authType: "bearer" }, status: "active", secrets: "sealed or not" },
    ]);
    expect(records.find((record) => record.kind === "template_use")).toEqual({
      kind: "template_use",
      templateId: expect.any(String),
      templateName: "Onboarding",
      name: "Onboarding (Alpha)",
      description: null,
      extraSteps: ["checksum"],
    });
    expect(withCredentials).not.toContain("payroll-api-token");
    // Flows of every environment with their history; the package with its snapshot.
    const flowRecords = records.filter((record) => record.kind === "flow");
    expect(flowRecords.map((record) => `${record.environment as string}:${record.name as string}`)).toEqual(["development:Draft", "production:Checksums", "production:Draft", "production:Nightly sync"]);
    const draftId = flowRecords[0]!.id;
    expect(flowRecords[2]!.id).toBe(draftId);
    const draftVersions = records.filter((record) => record.kind === "flow_version" && record.flowId === draftId);
    expect(draftVersions.map((record) => [record.environment, record.version, record.reason, record.steps])).toEqual([
      ["development", 1, "saved", ["validate"]],
      ["development", 2, "saved", ["validate", "notify"]],
      ["production", 1, "deployed", ["validate", "notify"]],
    ]);
    const pkg = records.find((record) => record.kind === "package")!;
    expect(pkg).toMatchObject({ name: "Release 1", environment: "development", flows: [{ flowId: draftId, version: 2, name: "Draft", steps: ["validate", "notify"] }] });
    expect(draftVersions[2]!.packageId).toBe(pkg.id);
    expect(withCredentials).not.toContain(world.adminA.email);
    expect(withCredentials).not.toContain("s3cr3t-payroll-value");
  });

  it("holds the credentials only when a passphrase was given", () => {
    expect(lines(withoutCredentials)[0]).toMatchObject({ credentials: null, counts: { credential: 0 } });
    expect(lines(withoutCredentials).some((record) => record.kind === "credential")).toBe(false);
    expect(lines(withoutCredentials).filter((record) => record.kind === "connection").map((record) => record.secrets)).toEqual([null, null]);
    const sealed = content(withCredentials, PASSPHRASE).records.filter((record) => record.kind === "connection");
    expect(sealed.map((record) => record.secrets)).toEqual([expect.stringMatching(/^\{"webhookToken":"[\w-]{43}"\}$/), JSON.stringify({ token: "payroll-api-token" })]);
    expect(content(withCredentials, PASSPHRASE).records.filter((record) => record.kind === "credential")).toEqual([
      { kind: "credential", name: "Payroll token", description: "for the payroll API", value: "s3cr3t-payroll-value" },
      { kind: "credential", name: "Short", description: null, value: "abc" },
    ]);
  });

  it("refuses a passphrase shorter than 12 characters, and records each export in the log", async () => {
    const before = (await snapshot(world.a.id)).activityEntries;
    const refused = await exportTenant(world.a.slug, world.adminA, "too short");
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("at least 12 characters");
    expect((await snapshot(world.a.id)).activityEntries).toBe(before);
    const entries = await withTenant({ tenantId: world.a.id, userId: null }, (tx) =>
      tx.select().from(activity).where(and(eq(activity.tenantId, world.a.id), eq(activity.action, "tenant.exported"))),
    );
    expect(entries.map((entry) => entry.actorUserId)).toEqual([world.adminA.id, world.adminA.id]);
    expect(entries.some((entry) => entry.summary.includes("with its credentials"))).toBe(true);
  });
});

describe("round trip", () => {
  it("export, import into a new tenant, export again: the same content", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    const plan = expectOk<ImportPlan>(await importAs(world.adminA, target.slug, withCredentials, PASSPHRASE));
    expect(plan.flows.created).toEqual(ALL_FLOWS);
    expect(plan.groups.created).toEqual(["Auditors", "Releasers"]);
    expect(plan.packages.created).toEqual(["Release 1"]);
    expect(plan.tables.created).toEqual(["Contacts (Alpha)", "Customers", "Empty"]);
    expect(plan.rowsCreated).toBe(4);
    expect(plan.credentials.created).toEqual(["Payroll token", "Short"]);
    expect(plan.ipAllowLists.created).toEqual(["admin", "package"]);
    expect(plan.domains.created).toEqual(["alpha.test"]);
    expect(plan.settings.changed).toEqual(["Contact email", "Two-factor requirement"]);
    expect(plan.connections.created).toEqual(["Inbox", "Payroll API"]);
    expect(plan.templates.created).toEqual(["Onboarding"]);
    expect(plan.tableTemplates.created).toEqual(["Contacts"]);
    expect(plan.dashboards.created).toEqual(["Overview"]);

    const again = await exportTenant(target.slug, world.adminA, "another passphrase entirely");
    expect(again.status).toBe(200);
    expect(content(again.text, "another passphrase entirely")).toEqual(content(withCredentials, PASSPHRASE));
    // The groups came without members; the versions were appended, not remade (the same times, no author).
    const groups = await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select().from(tenantGroupMembers).where(eq(tenantGroupMembers.tenantId, target.id)));
    expect(groups).toEqual([]);
    const versions = await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select().from(flowVersions).where(eq(flowVersions.tenantId, target.id)));
    // The flow made from the template customisation has its own history (made, then customised by the importer).
    const templateFlows = await templateFlowIdsOf(target.id);
    expect(versions.filter((version) => !templateFlows.has(version.flowId))).toHaveLength(5);
    expect(versions.filter((version) => templateFlows.has(version.flowId)).map((version) => [version.version, version.name, version.steps])).toEqual([
      [1, "Onboarding", ["validate", "notify"]],
      [2, "Onboarding (Alpha)", ["validate", "notify", "checksum"]],
    ]);
    // Copied versions name their importer; the template-made flow's are new saves by the importer.
    expect(versions.filter((version) => !templateFlows.has(version.flowId)).every((version) => version.createdBy === null && version.importedBy === world.adminA.id)).toBe(true);
    expect(versions.filter((version) => templateFlows.has(version.flowId)).every((version) => version.createdBy === world.adminA.id)).toBe(true);
    // The history names who imported each version (the file names no author).
    const draft = (await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select().from(flows).where(and(eq(flows.name, "Draft"), eq(flows.environment, "development")))))[0]!;
    const history = await withTenant({ tenantId: target.id, userId: null }, (tx) => listFlowVersions(tx, "development", draft.id));
    expect(history.map((version) => [version.imported, version.importedByEmail])).toEqual([[true, world.adminA.email], [true, world.adminA.email]]);
    // The connection's secret is stored encrypted for the new tenant, and works there.
    const [payroll] = await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select().from(connections).where(eq(connections.id, payrollApi.id)));
    expect(payroll).toMatchObject({ tenantId: target.id, status: "active", lastError: null });
    expect(payroll!.ciphertext).not.toContain("payroll-api-token");
    expect(openConnectionSecrets(target.id, payroll!.id, payroll!)).toEqual({ token: "payroll-api-token" });
    const [tenantRow] = await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select().from(tenants).where(eq(tenants.id, target.id)));
    expect(tenantRow).toMatchObject({ twoFactorRequired: "groups", twoFactorRoles: ["editor"] });
    // The narrowed group came narrowed, naming the same flow.
    const [auditors] = await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select().from(tenantGroups).where(eq(tenantGroups.name, "Auditors")));
    expect(auditors).toMatchObject({ flowsScoped: true });
    const scoped = await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select().from(tenantGroupFlows).where(eq(tenantGroupFlows.groupId, auditors!.id)));
    expect(scoped.map((row) => row.flowId)).toEqual([checksums.id]);
    // The rows keep the order they were added in.
    const rows = await withTenant({ tenantId: target.id, userId: null }, (tx) =>
      tx.select({ values: dataTableRows.values }).from(dataTableRows).innerJoin(dataTables, and(eq(dataTables.tenantId, dataTableRows.tenantId), eq(dataTables.id, dataTableRows.tableId))).where(eq(dataTables.name, "Customers")).orderBy(asc(dataTableRows.createdAt), asc(dataTableRows.id)),
    );
    expect(rows.map((row) => row.values.Name)).toEqual(["Ada", "Grace", "Linus"]);
    // With their sort keys and the table's row count (its page's total, a count widget, the license's limit), as in the source.
    const customersIn = (tenantId: string) =>
      withTenant({ tenantId, userId: null }, (tx) =>
        tx.select({ rowCount: dataTables.rowCount, sortKeys: dataTableRows.sortKeys }).from(dataTableRows).innerJoin(dataTables, and(eq(dataTables.tenantId, dataTableRows.tenantId), eq(dataTables.id, dataTableRows.tableId))).where(eq(dataTables.name, "Customers")).orderBy(asc(dataTableRows.createdAt)),
      );
    const imported = await customersIn(target.id);
    expect(imported.map((row) => row.rowCount)).toEqual([3, 3, 3]);
    expect(imported).toEqual(await customersIn(world.a.id));
    // The widgets read the new tenant's tables (new ids); the template table reads as customised, with its row.
    const targetTables = await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select().from(dataTables).where(eq(dataTables.tenantId, target.id)));
    const idOf = (name: string) => targetTables.find((table) => table.name === name)!.id;
    const widgets = await withTenant({ tenantId: target.id, userId: null }, (tx) =>
      tx.select({ config: dashboardWidgets.config }).from(dashboardWidgets).where(eq(dashboardWidgets.tenantId, target.id)).orderBy(asc(dashboardWidgets.position)),
    );
    expect(widgets.map((widget) => (widget.config as { tableId?: string }).tableId)).toEqual([idOf("Customers"), undefined, idOf("Contacts (Alpha)")]);
    // The Contacts widget names the same keys, and reads the imported table under its labels.
    expect(widgets[2]!.config).toMatchObject({ columns: contactKeys });
    const contactsWidget = await withTenant({ tenantId: target.id, userId: null }, (tx) => widgetData(tx, { kind: "table", config: widgets[2]!.config as WidgetConfig }));
    expect(contactsWidget).toMatchObject({ state: "table", columns: ["E-mail", "Phone"], rows: [{ cells: ["ada@alpha.test", "555-0100"] }] });
    const [contactsUse] = await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select().from(tableTemplateUses).where(eq(tableTemplateUses.tenantId, target.id)));
    expect(contactsUse).toMatchObject({ templateId: contactsTemplate.id, tableId: idOf("Contacts (Alpha)"), name: "Contacts (Alpha)", columnLabels: { [emailKey]: "E-mail" } });
    const [contactRow] = await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select().from(dataTableRows).where(eq(dataTableRows.tableId, idOf("Contacts (Alpha)"))));
    expect(Object.values(contactRow!.values).sort()).toEqual(["555-0100", "ada@alpha.test"]);
    const [entry] = await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select().from(activity).where(and(eq(activity.tenantId, target.id), eq(activity.action, "tenant.imported"))));
    expect(entry).toMatchObject({ actorUserId: world.adminA.id });
    expect(entry!.summary).toContain("flows: 4 created");
    expect(entry!.summary).toContain("groups: 2 created");
  });

  it("importing into an existing tenant merges by name: same things skipped, changed flow steps changed, nothing twice", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    expectOk(await as(world.adminA, () => createFlow(target.slug, null, { name: "Checksums", steps: ["notify"] })));
    expectOk(await as(world.adminA, () => createDataTable(target.slug, null, { name: "customers", columns: [{ name: "Other", type: "text" }] })));
    const plan = expectOk<ImportPlan>(await importAs(world.adminA, target.slug, withoutCredentials));
    expect(plan.flows).toEqual({ created: ALL_FLOWS.filter((name) => name !== "Checksums (Production)"), changed: ["Checksums (Production)"], skipped: [] });
    expect(plan.tables.created).toEqual(["Contacts (Alpha)", "Empty"]);
    expect(plan.tables.skipped).toEqual([{ name: "Customers", reason: "a table with this name exists; its rows were left as they are (3 in the file)" }]);
    const before = await snapshot(target.id);
    const second = expectOk<ImportPlan>(await importAs(world.adminA, target.slug, withoutCredentials));
    expect(second.flows.skipped.map((item) => item.name)).toEqual(ALL_FLOWS);
    expect(second.groups.skipped.map((item) => item.name)).toEqual(["Auditors", "Releasers"]);
    expect(second.packages.skipped).toEqual([{ name: "Release 1", reason: "this package is already there" }]);
    expect(second.connections.skipped.map((item) => item.name)).toEqual(["Inbox", "Payroll API"]);
    expect(second.templates.skipped).toEqual([{ name: "Onboarding", reason: "the same customisation is already there" }]);
    expect(second.tableTemplates.skipped).toEqual([{ name: "Contacts", reason: "the same customisation is already there" }]);
    expect(second.dashboards.skipped).toEqual([{ name: "Overview", reason: "a dashboard with this name exists; its widgets were left as they are (3 in the file)" }]);
    expect(second.rowsCreated).toBe(0);
    // Nothing changed, so not even an entry.
    expect(await snapshot(target.id)).toEqual(before);
  });
});

describe("tables and flows made from templates", () => {
  const inTenant = <T>(tenantId: string, work: Parameters<typeof withTenant<T>>[1]) => withTenant({ tenantId, userId: null }, work);
  const templateColumnsOf = async (templateId: string) => (await inTenant(world.a.id, (tx) => tx.select().from(tableTemplates).where(eq(tableTemplates.id, templateId))))[0]!.columns;
  const shownTable = async (tenantId: string, name: string) => {
    const tables = await inTenant(tenantId, (tx) => listDataTables(tx));
    return tables.find((table) => table.name === name);
  };

  it("a table whose template retyped a column travels with both columns (by their value keys) and their values, and round-trips", async () => {
    const source = await emptyTenantWithAdmin(world.adminA);
    const ledger = `Ledger ${uniqueSuffix()}`;
    const template = expectOk<{ id: string }>(await actingAs(root, () => createTableTemplate(null, { name: ledger, columns: [{ name: "Amount", type: "text" }, { name: "Note", type: "text" }] })));
    const [amount, note] = await templateColumnsOf(template.id);
    const table = expectOk<{ id: string }>(await as(world.adminA, () => applyTableTemplate(source.slug, null, { templateId: template.id })));
    expectOk(await as(world.adminA, () => customiseTableTemplate(source.slug, null, { tableId: table.id, name: `${ledger} (Alpha)`, labels: { [note!.key]: "Memo" } })));
    expectOk(await as(world.adminA, () => addRow(source.slug, null, { tableId: table.id, c0: "12 EUR", c1: "first" })));
    // The template retypes Amount: the text column stays (removed, with its value) beside the new number one, of the same name.
    expectOk(await actingAs(root, () => updateTableTemplate(null, { templateId: template.id, name: ledger, columns: [{ ...amount!, type: "number" }, note!] })));
    expectOk(await as(world.adminA, () => addRow(source.slug, null, { tableId: table.id, c0: "", c1: "second", c2: "7" })));
    const columnsAsShown = [["Amount", "text", "removed"], ["Memo", "text", "template"], ["Amount", "number", "template"]];
    const read = (await shownTable(source.id, `${ledger} (Alpha)`))!;
    expect(read.columns.map((column) => [column.name, column.type, read.template?.effective.columns.find((one) => one.key === column.key)?.source])).toEqual(columnsAsShown);

    const exported = await exportTenant(source.slug, world.adminA);
    expect(exported.status).toBe(200);
    const records = lines(exported.text);
    expect(records.find((record) => record.kind === "table")).toEqual({
      kind: "table",
      name: `${ledger} (Alpha)`,
      columns: [
        { key: `t:${amount!.key}:text`, name: "Amount", type: "text" },
        { key: `t:${note!.key}:text`, name: "Memo", type: "text" },
        { key: `t:${amount!.key}:number`, name: "Amount", type: "number" },
      ],
    });
    expect(records.filter((record) => record.kind === "row").map((record) => record.values)).toEqual([
      { [`t:${amount!.key}:text`]: "12 EUR", [`t:${note!.key}:text`]: "first" },
      { [`t:${amount!.key}:text`]: null, [`t:${note!.key}:text`]: "second", [`t:${amount!.key}:number`]: 7 },
    ]);

    const target = await emptyTenantWithAdmin(world.adminA);
    const plan = expectOk<ImportPlan>(await importAs(world.adminA, target.slug, exported.text));
    expect([plan.tables.created, plan.tableTemplates.created, plan.rowsCreated]).toEqual([[`${ledger} (Alpha)`], [ledger], 2]);
    const arrived = (await shownTable(target.id, `${ledger} (Alpha)`))!;
    expect(arrived.columns.map((column) => [column.name, column.type, arrived.template?.effective.columns.find((one) => one.key === column.key)?.source])).toEqual(columnsAsShown);
    const rows = await inTenant(target.id, (tx) => tx.select({ values: dataTableRows.values }).from(dataTableRows).where(eq(dataTableRows.tableId, arrived.id)).orderBy(asc(dataTableRows.createdAt)));
    expect(rows.map((row) => arrived.columns.map((column) => row.values[column.key!] ?? null))).toEqual([["12 EUR", "first", null], [null, "second", 7]]);
    const again = await exportTenant(target.slug, world.adminA);
    expect(content(again.text, null)).toEqual(content(exported.text, null));
  });

  it("two columns of one name without keys are still refused, and so are two columns of one key", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    const twoNames = rewritten(withoutCredentials, (records) => records.map((r) => (r.kind === "table" && r.name === "Empty" ? { ...r, columns: [{ name: "Note", type: "text" }, { name: "note", type: "number" }] } : r)));
    expect(await importAs(world.adminA, target.slug, twoNames)).toMatchObject({ ok: false, fieldErrors: { file: [expect.stringContaining("a table definition this console would not accept")] } });
    const twoKeys = rewritten(withoutCredentials, (records) =>
      records.map((r) => (r.kind === "table" && r.name === "Empty" ? { ...r, columns: [{ key: "x:abc", name: "Note", type: "text" }, { key: "x:abc", name: "Other", type: "text" }] } : r)),
    );
    expect(await importAs(world.adminA, target.slug, twoKeys)).toMatchObject({ ok: false, fieldErrors: { file: [expect.stringContaining("the columns of the table Empty")] } });
    expect((await snapshot(target.id)).tables).toBe(0);
  });

  it("a template table goes by the name the tenant sees: after its template was renamed, and against the target's own names", async () => {
    const source = await emptyTenantWithAdmin(world.adminA);
    const sheet = `Sheet ${uniqueSuffix()}`;
    const template = expectOk<{ id: string }>(await actingAs(root, () => createTableTemplate(null, { name: sheet, columns: [{ name: "Item", type: "text" }] })));
    const table = expectOk<{ id: string }>(await as(world.adminA, () => applyTableTemplate(source.slug, null, { templateId: template.id })));
    expectOk(await as(world.adminA, () => addRow(source.slug, null, { tableId: table.id, c0: "pencil" })));
    const columns = await templateColumnsOf(template.id);
    // Stored under the template's name when it was made; the tenant now sees the template's new name.
    expectOk(await actingAs(root, () => updateTableTemplate(null, { templateId: template.id, name: `${sheet} v2`, columns })));
    // A flow made from a template, not customised, whose template is renamed too.
    const flowTemplate = expectOk<{ id: string }>(await actingAs(root, () => createFlowTemplate(null, { name: `Intake ${uniqueSuffix()}`, steps: ["validate"] })));
    expectOk(await as(world.adminA, () => applyFlowTemplate(source.slug, null, { templateId: flowTemplate.id })));
    expectOk(await actingAs(root, () => updateFlowTemplate(null, { templateId: flowTemplate.id, name: `Intake renamed ${uniqueSuffix()}`, steps: ["validate", "notify"] })));
    const dashboard = expectOk<{ id: string }>(await as(world.adminA, () => createDashboard(source.slug, null, { name: "Stock" })));
    expectOk(await as(world.adminA, () => addWidget(source.slug, null, { dashboardId: dashboard.id, kind: "number", title: "Items", source: `table:${table.id}`, measure: "count" })));

    const exported = await exportTenant(source.slug, world.adminA);
    const records = lines(exported.text);
    expect(records.filter((record) => record.kind === "table").map((record) => record.name)).toEqual([`${sheet} v2`]);
    expect(records.find((record) => record.kind === "row")).toMatchObject({ table: `${sheet} v2` });
    expect(records.find((record) => record.kind === "table_template_use")).toMatchObject({ table: `${sheet} v2`, name: null });
    expect(records.find((record) => record.kind === "dashboard")).toMatchObject({ widgets: [{ table: `${sheet} v2` }] });
    expect(records.find((record) => record.kind === "template_use")).toMatchObject({ templateId: flowTemplate.id, name: null, description: null, extraSteps: null });

    // Round trip: the same content, template flow included.
    const target = await emptyTenantWithAdmin(world.adminA);
    const plan = expectOk<ImportPlan>(await importAs(world.adminA, target.slug, exported.text));
    expect([plan.tables.created, plan.templates.created, plan.dashboards.created]).toEqual([[`${sheet} v2`], [expect.stringContaining("Intake renamed")], ["Stock"]]);
    expect(content((await exportTenant(target.slug, world.adminA)).text, null)).toEqual(content(exported.text, null));

    // A tenant whose own table has the name the source's tenant saw keeps it: the file's table is not
    // made beside it under a name no one sees (its stored one), and the widget reads the tenant's table.
    const owner = await emptyTenantWithAdmin(world.adminA);
    const own = expectOk<{ id: string }>(await as(world.adminA, () => createDataTable(owner.slug, null, { name: `${sheet} v2`, columns: [{ name: "Item", type: "text" }] })));
    const merged = expectOk<ImportPlan>(await importAs(world.adminA, owner.slug, exported.text));
    expect(merged.tables).toEqual({ created: [], changed: [], skipped: [{ name: `${sheet} v2`, reason: "a table with this name exists; its rows were left as they are (1 in the file)" }] });
    expect(merged.tableTemplates.skipped).toEqual([{ name: `${sheet} v2`, reason: `the table ${sheet} v2 was not imported (a table of that name exists)` }]);
    expect((await snapshot(owner.id)).tables).toBe(1);
    const [widget] = await inTenant(owner.id, (tx) => tx.select({ config: dashboardWidgets.config }).from(dashboardWidgets).where(eq(dashboardWidgets.tenantId, owner.id)));
    expect(widget!.config).toMatchObject({ tableId: own.id });
  });

  it("a template table the target shows under the file's name (stored under another) is the same table: skipped, not made twice", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    // The target's Contacts table, made from the template and customised as A's: stored "Contacts", shown "Contacts (Alpha)".
    const contacts = expectOk<{ id: string }>(await as(world.adminA, () => applyTableTemplate(target.slug, null, { templateId: contactsTemplate.id })));
    expectOk(await as(world.adminA, () => customiseTableTemplate(target.slug, null, { tableId: contacts.id, name: "Contacts (Alpha)", labels: { [emailKey]: "E-mail" }, columns: [{ name: "Phone", type: "text" }] })));
    const plan = expectOk<ImportPlan>(await importAs(world.adminA, target.slug, withoutCredentials));
    expect(plan.tables.skipped.map((item) => item.name)).toEqual(["Contacts (Alpha)"]);
    expect(plan.tables.created).toEqual(["Customers", "Empty"]);
    expect((await snapshot(target.id)).tables).toBe(3);
  });

  it("reads a version 4 file of an earlier console, which named a template table by its stored name", async () => {
    const storedName = (name: unknown) => (name === "Contacts (Alpha)" ? "Contacts" : name);
    const earlier = rewritten(withoutCredentials, (records) =>
      records.map((r) => {
        if (r.kind === "table") return { ...r, name: storedName(r.name) };
        if (r.kind === "row" || r.kind === "table_template_use") return { ...r, table: storedName(r.table) };
        if (r.kind === "dashboard") return { ...r, widgets: (r.widgets as { table: unknown }[]).map((widget) => ({ ...widget, table: storedName(widget.table) })) };
        return r;
      }),
    );
    expect(earlier).not.toContain("\"table\":\"Contacts (Alpha)\"");
    const target = await emptyTenantWithAdmin(world.adminA);
    expect(expectOk<ImportPlan>(await importAs(world.adminA, target.slug, earlier)).tables.created).toEqual(["Contacts", "Customers", "Empty"]);
    // Its tables read as the source's did, so the next export names and holds them as the current one.
    const tableRecords = (text: string) => content(text, null).records.filter((record) => ["table", "row", "table_template_use", "dashboard"].includes(record.kind as string));
    expect(tableRecords((await exportTenant(target.slug, world.adminA)).text)).toEqual(tableRecords(withoutCredentials));
  });
});

describe("groups, flow histories and packages", () => {
  it("reads a version 1 file: Production's flows merged by name, with new ids and a first version each", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    const plan = expectOk<ImportPlan>(await importAs(world.adminA, target.slug, versionOne(withoutCredentials)));
    expect(plan.flows.created).toEqual(["Checksums", "Draft", "Nightly sync"]);
    expect(plan.groups).toEqual({ created: [], changed: [], skipped: [] });
    expect(plan.tables.created).toEqual(["Contacts (Alpha)", "Customers", "Empty"]);
    const made = await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select().from(flows).where(eq(flows.tenantId, target.id)));
    expect(made.every((flow) => flow.environment === "production")).toBe(true);
    const sourceIds = await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.select({ id: flows.id }).from(flows).where(eq(flows.tenantId, world.a.id)));
    expect(made.filter((flow) => sourceIds.some((source) => source.id === flow.id))).toEqual([]);
    const versions = await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select().from(flowVersions).where(eq(flowVersions.tenantId, target.id)));
    expect(versions.map((version) => [version.version, version.reason, version.createdBy])).toEqual(made.map(() => [1, "saved", world.adminA.id]));
  });

  it("the dry run names groups created, changed and skipped; applying changes permissions but never members", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    const auditors = expectOk<{ id: string }>(await as(world.adminA, () => createGroup(target.slug, null, { name: "auditors", permissions: ["flows.read"] })));
    const member = await createUser("auditor-t");
    const membership = await addMember(target.id, member.id, ["viewer"]);
    expectOk(await as(world.adminA, () => addGroupMember(target.slug, null, { groupId: auditors.id, memberId: membership.id })));
    expectOk(await as(world.adminA, () => createGroup(target.slug, null, { name: "Releasers", permissions: ["packages.manage"] })));
    const before = await snapshot(target.id);
    const preview = expectOk<ImportPlan>(await importAs(world.adminA, target.slug, withoutCredentials, "", true));
    expect(preview.groups).toEqual({ created: [], changed: ["Auditors"], skipped: [{ name: "Releasers", reason: "the same group is already there" }] });
    expect(await snapshot(target.id)).toEqual(before);
    expectOk(await importAs(world.adminA, target.slug, withoutCredentials));
    const groups = await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select().from(tenantGroups).where(eq(tenantGroups.tenantId, target.id)));
    expect(groups.find((group) => group.id === auditors.id)).toMatchObject({ name: "auditors", permissions: ["activity.read", "flows.read"] });
    const members = await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select().from(tenantGroupMembers).where(eq(tenantGroupMembers.tenantId, target.id)));
    expect(members.map((row) => [row.groupId, row.userId])).toEqual([[auditors.id, member.id]]);
  });

  it("a narrowed group gets the file's flows: one it named that the file does not is taken out (dry run: changed); a member in that group only stays", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    expectOk(await importAs(world.adminA, target.slug, withoutCredentials));
    const inTarget = <T>(work: Parameters<typeof withTenant<T>>[1]) => withTenant<T>({ tenantId: target.id, userId: null }, work);
    const auditors = (await inTarget((tx) => tx.select().from(tenantGroups).where(eq(tenantGroups.tenantId, target.id)))).find((group) => group.name === "Auditors")!;
    // The import filled the cap (its flows and the template-made one): room for one more flow of the tenant's own.
    await withSystem((tx) => tx.update(tenants).set({ flowCap: 10 }).where(eq(tenants.id, target.id)));
    const extra = expectOk<{ id: string }>(await as(world.adminA, () => createFlow(target.slug, null, { name: "Extra", steps: ["validate"] })));
    expectOk(await as(world.adminA, () => addGroupFlow(target.slug, null, { groupId: auditors.id, flowId: extra.id })));
    // A member in Auditors only (no built-in group), written in one transaction: the rule is checked at commit.
    const onlyAuditor = await createUser("only-auditor");
    await inTarget(async (tx) => {
      await tx.insert(memberships).values({ tenantId: target.id, userId: onlyAuditor.id, roles: [] });
      await tx.insert(tenantGroupMembers).values({ tenantId: target.id, groupId: auditors.id, userId: onlyAuditor.id });
    });
    const flowsOfAuditors = async () =>
      (await inTarget((tx) => tx.select().from(tenantGroupFlows).where(eq(tenantGroupFlows.groupId, auditors.id)))).map((row) => row.flowId).sort();
    expect(await flowsOfAuditors()).toEqual([checksums.id, extra.id].sort());

    const before = await snapshot(target.id);
    const preview = expectOk<ImportPlan>(await importAs(world.adminA, target.slug, withoutCredentials, "", true));
    expect(preview.groups.changed).toEqual(["Auditors"]);
    expect(await snapshot(target.id)).toEqual(before);
    expectOk(await importAs(world.adminA, target.slug, withoutCredentials));
    expect(await flowsOfAuditors()).toEqual([checksums.id]);
    // The same file again: nothing left to change.
    expect(expectOk<ImportPlan>(await importAs(world.adminA, target.slug, withoutCredentials, "", true)).groups.changed).toEqual([]);
    const [member] = await inTarget((tx) => tx.select().from(memberships).where(and(eq(memberships.tenantId, target.id), eq(memberships.userId, onlyAuditor.id))));
    expect(member).toMatchObject({ roles: [], status: "active" });
    const groupRows = await inTarget((tx) => tx.select().from(tenantGroupMembers).where(and(eq(tenantGroupMembers.tenantId, target.id), eq(tenantGroupMembers.userId, onlyAuditor.id))));
    expect(groupRows.map((row) => row.groupId)).toEqual([auditors.id]);
  });

  it("appends a flow's newer versions in order, and keeps a history that went its own way", async () => {
    const source = await emptyTenantWithAdmin(world.adminA);
    const target = await emptyTenantWithAdmin(world.adminA);
    const flow = expectOk<{ id: string }>(await as(world.adminA, () => createFlow(source.slug, null, { environment: "staging", name: "Sync", steps: ["validate"] })));
    const save = (slug: string, steps: string[]) => as(world.adminA, () => saveFlowSteps(slug, null, { environment: "staging", flowId: flow.id, steps }));
    const historyOf = (tenantId: string) =>
      withTenant({ tenantId, userId: null }, (tx) =>
        tx.select({ version: flowVersions.version, steps: flowVersions.steps }).from(flowVersions).where(eq(flowVersions.tenantId, tenantId)).orderBy(asc(flowVersions.version)),
      );
    expectOk(await importAs(world.adminA, target.slug, (await exportTenant(source.slug, world.adminA)).text));
    expectOk(await save(source.slug, ["validate", "notify"]));
    expectOk(await save(source.slug, ["notify"]));
    const newer = await exportTenant(source.slug, world.adminA);
    const plan = expectOk<ImportPlan>(await importAs(world.adminA, target.slug, newer.text));
    expect(plan.flows).toEqual({ created: [], changed: ["Sync (Staging)"], skipped: [] });
    expect(await historyOf(target.id)).toEqual(await historyOf(source.id));
    expect(content((await exportTenant(target.slug, world.adminA)).text, null).records.filter((record) => record.kind !== "settings")).toEqual(
      content(newer.text, null).records.filter((record) => record.kind !== "settings"),
    );

    // Both sides save something else: the target keeps its own history and gets the file's state on top.
    expectOk(await save(target.slug, ["checksum"]));
    expectOk(await save(source.slug, ["transform"]));
    expectOk(await importAs(world.adminA, target.slug, (await exportTenant(source.slug, world.adminA)).text));
    expect((await historyOf(target.id)).map((version) => version.steps)).toEqual([["validate"], ["validate", "notify"], ["notify"], ["checksum"], ["transform"]]);
  });

  it("a package the tenant has is left as it is; one whose name is taken is skipped", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    const own = expectOk<{ id: string }>(await as(world.adminA, () => createFlow(target.slug, null, { environment: "development", name: "Mine", steps: ["notify"] })));
    // Room for its own flow, the file's four and the one its template customisation makes.
    await withSystem((tx) => tx.update(tenants).set({ flowCap: 6 }).where(eq(tenants.id, target.id)));
    expectOk(await as(world.adminA, () => createPackage(target.slug, null, { name: "Release 1", environment: "development", flowIds: [own.id] })));
    const plan = expectOk<ImportPlan>(await importAs(world.adminA, target.slug, withoutCredentials, "", true));
    expect(plan.packages).toEqual({ created: [], changed: [], skipped: [{ name: "Release 1", reason: "another package has this name" }] });
  });
});

describe("connections, template customisations and two-factor groups (version 3)", () => {
  it("without the passphrase, connections come inactive and without their secret: activating waits until someone enters it", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    const preview = expectOk<ImportPlan>(await importAs(world.adminA, target.slug, withCredentials, "", true));
    expect(preview.connections.created).toEqual(["Inbox (inactive: needs its secret)", "Payroll API (inactive: needs its secret)"]);
    expect((await snapshot(target.id)).activityEntries).toBe(0);
    expectOk(await importAs(world.adminA, target.slug, withCredentials, ""));
    const rows = await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select().from(connections).where(eq(connections.tenantId, target.id)).orderBy(asc(connections.name)));
    expect(rows.map((row) => [row.name, row.status, row.lastError])).toEqual([
      ["Inbox", "inactive", IMPORTED_WITHOUT_SECRET],
      ["Payroll API", "inactive", IMPORTED_WITHOUT_SECRET],
    ]);
    expect(openConnectionSecrets(target.id, payrollApi.id, rows[1]!)).toEqual({});
    // The webhook got a fresh token: the source's URL does not reach the copy.
    const [source] = await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.select().from(connections).where(eq(connections.name, "Inbox")));
    expect(openConnectionSecrets(target.id, rows[0]!.id, rows[0]!).webhookToken).not.toBe(openConnectionSecrets(world.a.id, source!.id, source!).webhookToken);
    expect(await as(world.adminA, () => activateConnection(target.slug, null, { connectionId: payrollApi.id }))).toMatchObject({ ok: false, code: "VALIDATION", message: NEEDS_SECRET_MESSAGE });
    expectOk(await as(world.adminA, () => updateConnectionAction(target.slug, null, { connectionId: payrollApi.id, name: "Payroll API", baseUrl: "https://payroll.example.com", authType: "bearer", token: "new-token" })));
    expectOk(await as(world.adminA, () => activateConnection(target.slug, null, { connectionId: payrollApi.id })));
    expectOk(await as(world.adminA, () => activateConnection(target.slug, null, { connectionId: rows[0]!.id })));
  });

  it("a customisation of a template this workspace lacks is skipped, and the dry run says so", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    const elsewhere = rewritten(withoutCredentials, (records) => records.map((r) => (r.kind === "template_use" ? { ...r, templateId: randomUUID(), templateName: "Offboarding" } : r)));
    const preview = expectOk<ImportPlan>(await importAs(world.adminA, target.slug, elsewhere, "", true));
    expect(preview.templates).toEqual({ created: [], changed: [], skipped: [{ name: "Offboarding", reason: "this workspace has no such template (ask a superadmin to add it, then import again)" }] });
    expectOk(await importAs(world.adminA, target.slug, elsewhere));
    expect(await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select().from(flowTemplateUses).where(eq(flowTemplateUses.tenantId, target.id)))).toEqual([]);
  });

  it("a customisation the tenant has of the same template gets the file's overrides", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    const templateId = lines(withoutCredentials).find((r) => r.kind === "template_use")!.templateId as string;
    expectOk(await as(world.adminA, () => applyFlowTemplate(target.slug, null, { templateId })));
    const plan = expectOk<ImportPlan>(await importAs(world.adminA, target.slug, withoutCredentials));
    expect(plan.templates).toEqual({ created: [], changed: ["Onboarding"], skipped: [] });
    const [use] = await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select().from(flowTemplateUses).where(eq(flowTemplateUses.tenantId, target.id)));
    expect(use).toMatchObject({ templateId, name: "Onboarding (Alpha)", description: null, extraSteps: ["checksum"] });
  });

  it("a customisation the tenant lacks makes a flow, counted against the flow cap as Use template counts it: past the cap, the dry run and applying refuse the file", async () => {
    // The file's four flows fit a cap of 4; the flow its template customisation makes would be the fifth.
    const target = await emptyTenantWithAdmin(world.adminA);
    await withSystem((tx) => tx.update(tenants).set({ flowCap: 4 }).where(eq(tenants.id, target.id)));
    const before = await snapshot(target.id);
    const message = "The file would bring this tenant to 5 flows (1 of them made from workspace templates); its flow cap is 4. Nothing was imported: delete flows or ask a superadmin to raise the cap.";
    for (const dryRun of [true, false]) {
      const result = await importAs(world.adminA, target.slug, withoutCredentials, "", dryRun);
      expect(result, dryRun ? "dry run" : "apply").toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { file: [message] } });
    }
    expect(await snapshot(target.id)).toEqual(before);
    expect(await templateFlowIdsOf(target.id)).toEqual(new Set());
    // One more flow of room: the same file goes in, the template-made flow with it.
    await withSystem((tx) => tx.update(tenants).set({ flowCap: 5 }).where(eq(tenants.id, target.id)));
    expect(expectOk<ImportPlan>(await importAs(world.adminA, target.slug, withoutCredentials)).templates.created).toEqual(["Onboarding"]);
    expect((await snapshot(target.id)).flows).toBe(5);
  });

  it("a customisation the tenant lacks, with a name of its own, goes in even where flows hold the template's name and '<name> (template)'", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    await withSystem((tx) => tx.update(tenants).set({ flowCap: 10 }).where(eq(tenants.id, target.id)));
    for (const name of ["Onboarding", "Onboarding (template)"]) expectOk(await as(world.adminA, () => createFlow(target.slug, null, { name, steps: ["validate"] })));
    expect(expectOk<ImportPlan>(await importAs(world.adminA, target.slug, withoutCredentials)).templates.created).toEqual(["Onboarding"]);
    const madeFlowIds = await templateFlowIdsOf(target.id);
    const named = await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select({ id: flows.id, name: flows.name }).from(flows).where(eq(flows.tenantId, target.id)));
    expect(named.filter((flow) => madeFlowIds.has(flow.id)).map((flow) => flow.name)).toEqual(["Onboarding (Alpha)"]);
    expect(named.map((flow) => flow.name)).toEqual(expect.arrayContaining(["Onboarding", "Onboarding (template)"]));
  });

  it("a table template customisation of a template this workspace lacks is skipped, and the dry run says so", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    const elsewhere = rewritten(withoutCredentials, (records) => records.map((r) => (r.kind === "table_template_use" ? { ...r, templateId: randomUUID(), templateName: "Leads" } : r)));
    const preview = expectOk<ImportPlan>(await importAs(world.adminA, target.slug, elsewhere, "", true));
    expect(preview.tableTemplates).toEqual({ created: [], changed: [], skipped: [{ name: "Leads", reason: "this workspace has no such template (ask a superadmin to add it, then import again)" }] });
    expect(preview.dashboards.created).toEqual(["Overview"]);
    expect(await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select().from(dashboards).where(eq(dashboards.tenantId, target.id)))).toEqual([]);
    expectOk(await importAs(world.adminA, target.slug, elsewhere));
    expect(await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select().from(tableTemplateUses).where(eq(tableTemplateUses.tenantId, target.id)))).toEqual([]);
  });

  it("a dashboard's widget is refused when it names a table the file does not describe, and a version 3 file holds no dashboards", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    const stray = rewritten(withoutCredentials, (records) =>
      records.map((r) => (r.kind === "dashboard" ? { ...r, widgets: [{ kind: "number", title: "Elsewhere", table: "Not in the file", config: { source: "table", measure: "count" } }] } : r)),
    );
    expect(await importAs(world.adminA, target.slug, stray)).toMatchObject({ ok: false, fieldErrors: { file: [expect.stringContaining("reads a table the file does not describe")] } });
    const versionThree = rewritten(withoutCredentials, ([header, ...records]) => [{ ...header, version: 3 }, ...records]);
    expect(await importAs(world.adminA, target.slug, versionThree)).toMatchObject({ ok: false, fieldErrors: { file: [expect.stringContaining("is not a record this console understands")] } });
    expect((await snapshot(target.id)).tables).toBe(0);
  });

  it("reads a file whose widgets name their columns by label (written before widgets named keys): each label becomes its column's key", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    const byLabel = rewritten(withoutCredentials, (records) =>
      records.map((r) =>
        r.kind === "dashboard"
          ? { ...r, widgets: (r.widgets as { title: string; config: object }[]).map((w) => (w.title === "Contacts" ? { ...w, config: { ...w.config, columns: ["E-mail", "Phone"] } } : w)) }
          : r,
      ),
    );
    expectOk(await importAs(world.adminA, target.slug, byLabel));
    const widgets = await withTenant({ tenantId: target.id, userId: null }, (tx) =>
      tx.select({ title: dashboardWidgets.title, config: dashboardWidgets.config }).from(dashboardWidgets).where(eq(dashboardWidgets.tenantId, target.id)),
    );
    expect(widgets.find((widget) => widget.title === "Contacts")!.config).toMatchObject({ columns: contactKeys });
  });

  it("does not require two-factor of the importing Admin before they have it: that requirement is skipped with the reason", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    const ofAdmins = rewritten(withoutCredentials, (records) => records.map((r) => (r.kind === "settings" ? { ...r, twoFactorRoles: ["admin"] } : r)));
    const plan = expectOk<ImportPlan>(await importAs(world.adminA, target.slug, ofAdmins));
    expect(plan.settings.skipped).toEqual([{ name: "Two-factor requirement", reason: "it would require two-factor of you: set up two-factor on your profile first, or set it in Settings" }]);
    const [tenantRow] = await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select().from(tenants).where(eq(tenants.id, target.id)));
    expect(tenantRow).toMatchObject({ twoFactorRequired: "off", twoFactorRoles: [] });
    expect((await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select().from(tenantGroups).where(eq(tenantGroups.twoFactorRequired, true))))).toEqual([]);
  });

  it("reads a version 2 file: no connections or customisations, and its two-factor requirement is left to Settings", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    const plan = expectOk<ImportPlan>(await importAs(world.adminA, target.slug, versionTwo(withCredentials), PASSPHRASE));
    expect(plan.flows.created).toEqual(ALL_FLOWS);
    expect(plan.groups.created).toEqual(["Auditors", "Releasers"]);
    expect(plan.credentials.created).toEqual(["Payroll token", "Short"]);
    expect(plan.connections.created).toEqual([]);
    expect(plan.templates.created).toEqual([]);
    expect(plan.dashboards.created).toEqual([]);
    expect(plan.settings.skipped).toEqual([{ name: "Two-factor requirement", reason: "the login policy is not imported: set it in Settings" }]);
  });
});

describe("a large table", () => {
  it("is read in keyset batches: every row once, even rows added in the same instant", async () => {
    const tenant = await emptyTenantWithAdmin(world.adminA);
    const table = expectOk<{ id: string }>(await as(world.adminA, () => createDataTable(tenant.slug, null, { name: "Big", columns: [{ name: "N", type: "number" }] })));
    // One statement: every row has the same created_at, so only the id orders them within a batch boundary.
    await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      tx.insert(dataTableRows).values(Array.from({ length: 1201 }, (_, n) => ({ tenantId: tenant.id, tableId: table.id, values: { N: n } }))),
    );
    const exported = await exportTenant(tenant.slug, world.adminA);
    const rows = lines(exported.text).filter((record) => record.kind === "row");
    expect(rows).toHaveLength(1201);
    expect(new Set(rows.map((row) => (row.values as { N: number }).N)).size).toBe(1201);
    expect(lines(exported.text)[0]).toMatchObject({ counts: { row: 1201 } });
  });
});

describe("dry run", () => {
  it("shows what would be created and writes nothing, not even an entry", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    const before = await snapshot(target.id);
    const plan = expectOk<ImportPlan>(await importAs(world.adminA, target.slug, withCredentials, PASSPHRASE, true));
    expect(plan.flows.created).toEqual(ALL_FLOWS);
    expect(plan.groups.created).toEqual(["Auditors", "Releasers"]);
    expect(plan.packages.created).toEqual(["Release 1"]);
    expect(plan.credentials.created).toEqual(["Payroll token", "Short"]);
    expect(plan.rowsCreated).toBe(4);
    expect(plan.dashboards.created).toEqual(["Overview"]);
    expect(plan.tableTemplates.created).toEqual(["Contacts"]);
    expect(await snapshot(target.id)).toEqual(before);
  });

  it("finds the same refusals as applying (a wrong passphrase)", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    const result = await importAs(world.adminA, target.slug, withCredentials, "not the passphrase at all", true);
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { passphrase: [WRONG_PASSPHRASE] } });
  });
});

describe("the license's data table limits", () => {
  /** An Admin's new Free tenant (10,000 rows, 5 tables) with room for the file's flows, holding `tables` tables of `rows` rows in all. */
  async function freeTenantHolding(tables: number, rows: number) {
    const tenant = await createTenant("free-target", { license: "free" });
    await addMember(tenant.id, world.adminA.id, ["admin"]);
    await withSystem((tx) => tx.update(tenants).set({ flowCap: 1000 }).where(eq(tenants.id, tenant.id)));
    await withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
      for (let index = 0; index < tables; index++) {
        const table = await insertDataTable(tx, { name: `Ledger ${index}`, columns: [{ name: "Note", type: "text" }], createdBy: null });
        // The count the limit reads (kept with the rows by the row writes), without writing thousands of rows.
        if (index === 0) await tx.update(dataTables).set({ rowCount: rows }).where(eq(dataTables.id, table.id));
      }
    });
    return tenant;
  }
  const refusal = (result: unknown) => (result as { ok: boolean; fieldErrors?: { file?: string[] } }).fieldErrors?.file?.[0];

  it("refuses, in the dry run and applying, a file whose rows would pass the row limit; writes nothing", async () => {
    // The file's tables hold 4 rows: 9,997 + 4 passes 10,000.
    const target = await freeTenantHolding(1, 9_997);
    const before = await snapshot(target.id);
    for (const dryRun of [true, false]) {
      const result = await importAs(world.adminA, target.slug, withoutCredentials, "", dryRun);
      expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
      expect(refusal(result)).toBe("The file would bring this tenant to 10,001 rows across its tables; its Free license allows 10,000. Nothing was imported: delete rows, or ask a platform administrator to upgrade the license.");
    }
    expect(await snapshot(target.id)).toEqual(before);
  });

  it("applies a file that reaches the row limit exactly", async () => {
    const target = await freeTenantHolding(1, 9_996);
    const plan = expectOk<ImportPlan>(await importAs(world.adminA, target.slug, withoutCredentials));
    expect(plan.rowsCreated).toBe(4);
  });

  it("refuses a file whose tables would pass the table limit", async () => {
    // 3 tables of the tenant's own and the file's 3: 6 of 5.
    const target = await freeTenantHolding(3, 0);
    const result = await importAs(world.adminA, target.slug, withoutCredentials, "", true);
    expect(refusal(result)).toMatch(/^The file would bring this tenant to 6 tables; its Free license allows 5\. Nothing was imported/);
  });
});

describe("refused files write nothing", () => {
  const flowRenamed = (text: string) => text.replace('"name":"Checksums"', '"name":"Checksumz"');
  const cases: [string, () => string, string][] = [
    ["a changed byte", () => flowRenamed(withoutCredentials), CHECKSUM_MISMATCH],
    ["a cut-off file", () => withoutCredentials.slice(0, withoutCredentials.length - 200), CHECKSUM_MISMATCH],
    ["another version (checksum recomputed)", () => rewritten(withoutCredentials, ([header, ...rest]) => [{ ...header, version: 5 }, ...rest]), "This file is format version 5; this console reads versions 1, 2, 3 and 4."],
    ["not a data file", () => "name,seats\nAda,3\n", NOT_A_DATA_FILE],
    ["an unknown record (checksum recomputed)", () => rewritten(withoutCredentials, (records) => [...records, { kind: "member", email: "x@y.test" }]), "is not a record this console understands"],
    ["a flow step no form allows (checksum recomputed)", () => rewritten(withoutCredentials, (records) => records.map((r) => (r.kind === "flow" ? { ...r, steps: ["rm -rf"] } : r))), "would not accept"],
    ["a flow named twice (checksum recomputed)", () => rewritten(withoutCredentials, (records) => [...records, { kind: "flow", environment: "production", id: randomUUID(), name: "Checksums", steps: ["notify"] }]), "holds the flow Checksums twice"],
    ["a changed byte in a flow's version", () => withoutCredentials.replace('"version":2,"name":"Draft"', '"version":2,"name":"Draff"'), CHECKSUM_MISMATCH],
    ["a group with a permission outside the catalog (checksum recomputed)", () => rewritten(withoutCredentials, (records) => records.map((r) => (r.kind === "group" ? { ...r, permissions: ["tenant.own"] } : r))), "permissions of the group Auditors"],
    ["a group named like a built-in one (checksum recomputed)", () => rewritten(withoutCredentials, (records) => records.map((r) => (r.kind === "group" ? { ...r, name: "Admin" } : r))), "a group name"],
    ["a flow's history with a gap (checksum recomputed)", () => rewritten(withoutCredentials, (records) => records.filter((r) => !(r.kind === "flow_version" && r.version === 1 && r.environment === "development"))), "not numbered in order"],
    ["versions of a flow the file does not have (checksum recomputed)", () => rewritten(withoutCredentials, (records) => [...records, { ...records.find((r) => r.kind === "flow_version")!, flowId: randomUUID() }]), "versions of a flow it does not describe"],
    ["a package step no form allows (checksum recomputed)", () => rewritten(withoutCredentials, (records) => records.map((r) => (r.kind === "package" ? { ...r, flows: [{ ...(r.flows as object[])[0]!, steps: ["rm -rf"] }] } : r))), "steps of a flow in the package Release 1"],
    ["a version 2 flow without its id (checksum recomputed)", () => rewritten(withoutCredentials, (records) => records.map((r) => (r.kind === "flow" ? { ...r, id: undefined } : r))), "is not a record this console understands"],
    ["a version 1 file holding a group (checksum recomputed)", () => rewritten(versionOne(withoutCredentials), (records) => [...records, { kind: "group", name: "Sneaky", permissions: [] }]), "is not a record this console understands"],
    ["a version 2 file holding a connection (checksum recomputed)", () => rewritten(versionTwo(withoutCredentials), (records) => [...records, lines(withoutCredentials).find((r) => r.kind === "connection")!]), "is not a record this console understands"],
    ["a connection with a base URL the form refuses (checksum recomputed)", () => rewritten(withoutCredentials, (records) => records.map((r) => (r.name === "Payroll API" ? { ...r, settings: { baseUrl: "ftp://x", authType: "bearer" } } : r))), "The file's connection Payroll API has settings"],
    ["a connector this console does not have (checksum recomputed)", () => rewritten(withoutCredentials, (records) => records.map((r) => (r.name === "Inbox" ? { ...r, connector: "telnet" } : r))), "uses a connector this console does not have"],
    ["a template customisation step no form allows (checksum recomputed)", () => rewritten(withoutCredentials, (records) => records.map((r) => (r.kind === "template_use" ? { ...r, extraSteps: ["rm -rf"] } : r))), "a customisation of the template Onboarding"],
    ["a row that does not fit its column (checksum recomputed)", () => rewritten(withoutCredentials, (records) => records.map((r) => (r.kind === "row" ? { ...r, values: { ...(r.values as object), Seats: "many" } } : r))), "does not fit its columns"],
  ];
  it.each(cases)("%s: refused next to the file field", async (_, file, message) => {
    const target = await emptyTenantWithAdmin(world.adminA);
    const before = await snapshot(target.id);
    for (const dryRun of [true, false]) {
      const result = await importAs(world.adminA, target.slug, file(), "", dryRun);
      expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
      expect((result as unknown as { fieldErrors: { file: string[] } }).fieldErrors.file[0]).toContain(message);
    }
    expect(await snapshot(target.id)).toEqual(before);
  });

  it("a file with no upload is refused next to the file field", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    const result = await as(world.adminA, () => importTenantData(target.slug, null, { passphrase: "" }));
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { file: ["Choose a tenant data file to import."] } });
  });

  it("a wrong passphrase is refused next to the passphrase field; none skips the credentials", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    const before = await snapshot(target.id);
    expect(await importAs(world.adminA, target.slug, withCredentials, "wrong passphrase here")).toMatchObject({ ok: false, fieldErrors: { passphrase: [WRONG_PASSPHRASE] } });
    expect(await snapshot(target.id)).toEqual(before);
    const plan = expectOk<ImportPlan>(await importAs(world.adminA, target.slug, withCredentials, ""));
    expect(plan.credentials).toEqual({ created: [], changed: [], skipped: [{ name: "Payroll token", reason: "no passphrase given" }, { name: "Short", reason: "no passphrase given" }] });
    expect((await snapshot(target.id)).credentials).toBe(0);
  });
});

describe("who may export and import", () => {
  const refusals = [
    ["Viewer", "FORBIDDEN"],
    ["Editor", "FORBIDDEN"],
    ["Admin of another tenant", "NOT_FOUND"],
    ["suspended Admin", "NOT_FOUND"],
    ["signed-out visitor", "UNAUTHENTICATED"],
  ] as const;
  const callerOf = (name: (typeof refusals)[number][0]) =>
    ({ Viewer: viewerA, Editor: editorA, "Admin of another tenant": world.adminB, "suspended Admin": suspendedA, "signed-out visitor": null })[name];

  it.each(refusals)("import (and its dry run) by %s: %s, nothing written", async (caller, code) => {
    const before = await snapshot(world.a.id);
    for (const dryRun of [true, false]) {
      expect(await importAs(callerOf(caller), world.a.slug, withoutCredentials, "", dryRun)).toMatchObject({ ok: false, code });
    }
    expect(await snapshot(world.a.id)).toEqual(before);
  });

  it.each(refusals)("export by %s: 404, nothing recorded", async (caller) => {
    const before = await snapshot(world.a.id);
    const refused = await exportTenant(world.a.slug, callerOf(caller), PASSPHRASE);
    expect(refused.status).toBe(404);
    expect(refused.text).not.toContain("Payroll");
    expect(await snapshot(world.a.id)).toEqual(before);
  });

  it("an import into one tenant never touches another (B's Admin imports A's file into B, with A's tenant id forged into it)", async () => {
    const [beforeA] = [await snapshot(world.a.id)];
    const aFlows = await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.select().from(flows).where(eq(flows.tenantId, world.a.id)));
    // A forger adds A's tenant id to every record (and fixes the checksum). The flows' and packages' ids
    // are A's too: an id addresses a row of the importing tenant only (every key leads with the tenant).
    const forged = rewritten(withCredentials, (records) => records.map((record) => ("kind" in record && record.kind !== undefined ? { ...record, tenantId: world.a.id } : record)));
    const plan = expectOk<ImportPlan>(await importAs(world.adminB, world.b.slug, forged, PASSPHRASE));
    expect(plan.flows.created).toEqual(ALL_FLOWS);
    expect(await snapshot(world.a.id)).toEqual(beforeA);
    const aVersions = await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.select().from(flowVersions).where(eq(flowVersions.tenantId, world.a.id)));
    // A's five plus the two of its flow made from the template (made, customised).
    const aTemplateFlows = await templateFlowIdsOf(world.a.id);
    expect(aVersions.filter((version) => !aTemplateFlows.has(version.flowId))).toHaveLength(5);
    expect(aVersions.filter((version) => aTemplateFlows.has(version.flowId))).toHaveLength(2);
    const ofB = await withTenant({ tenantId: world.b.id, userId: null }, (tx) => tx.select().from(flows).where(eq(flows.tenantId, world.b.id)));
    // The file's four flows, and the one its template customisation makes.
    expect(ofB.map((flow) => flow.name).sort()).toEqual(["Checksums", "Draft", "Draft", "Nightly sync", "Onboarding (Alpha)"]);
    expect(ofB.every((flow) => flow.createdBy === world.adminB.id)).toBe(true);
    expect(await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.select().from(flows).where(eq(flows.tenantId, world.a.id)))).toEqual(aFlows);
  });
});

describe("the package IP allow-list", () => {
  it("refuses an export and an import from outside it, writing only the refusal's entry", async () => {
    const tenant = await emptyTenantWithAdmin(world.adminA);
    await withTenant({ tenantId: tenant.id, userId: null }, (tx) => replaceIpAllowLists(tx, { package: ["192.0.2.0/24"] }));
    const before = await snapshot(tenant.id);
    const exported = await exportTenant(tenant.slug, world.adminA, "", "198.51.100.9");
    expect(exported).toEqual({ status: 403, text: IP_REFUSED_MESSAGE });
    const imported = await runWithClientAddress("198.51.100.9", () => actingAs(world.adminA, () => importTenantData(tenant.slug, null, { file: fileOf(withoutCredentials), passphrase: "" })));
    expect(imported).toMatchObject({ ok: false, code: "FORBIDDEN", message: IP_REFUSED_MESSAGE });
    const after = await snapshot(tenant.id);
    expect({ ...after, activityEntries: before.activityEntries }).toEqual(before);
    const refusals = await withTenant({ tenantId: tenant.id, userId: null }, (tx) => tx.select().from(activity).where(and(eq(activity.tenantId, tenant.id), eq(activity.action, "tenant.ip_refused"))));
    expect(refusals.map((entry) => (entry.details as { what: string }).what).sort()).toEqual(["tenant.export", "tenant.import"]);
    // From inside the list both work.
    expect((await exportTenant(tenant.slug, world.adminA, "", "192.0.2.7")).status).toBe(200);
    const inside = await runWithClientAddress("192.0.2.7", () => actingAs(world.adminA, () => importTenantData(tenant.slug, null, { file: fileOf(withoutCredentials), passphrase: "" })));
    expect(inside.ok).toBe(true);
  });

  it("skips a list from the file that would shut out the importing Admin's address", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    const plan = expectOk<ImportPlan>(await runWithClientAddress("198.51.100.9", () => actingAs(world.adminA, () => importTenantData(target.slug, null, { file: fileOf(withoutCredentials), passphrase: "" }))));
    expect(plan.ipAllowLists.created).toEqual([]);
    expect(plan.ipAllowLists.skipped.map((item) => item.name)).toEqual(["admin", "package"]);
    expect((await snapshot(target.id)).lists).toBe(0);
  });

  it("names each import by its file in the log", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    expectOk(await as(world.adminA, () => importTenantData(target.slug, null, { file: fileOf(withoutCredentials, "backup.jsonl"), passphrase: "" })));
    const [entry] = await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select().from(activity).where(and(eq(activity.tenantId, target.id), eq(activity.action, "tenant.imported"))));
    expect(entry!.details).toMatchObject({ file: "backup.jsonl", exportedFrom: world.a.name });
  });
});
