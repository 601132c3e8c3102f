// Tenant export and import (issue 16, item 3) through the real route handler and server actions: a
// round trip into a new tenant gives the same file again (modulo ids, timestamps and the passphrase's
// random salt and IVs); the dry run writes nothing; a tampered, re-versioned or foreign file is refused
// next to the upload field with nothing written; credentials travel only under a passphrase; only
// Admins of the tenant may export or import, under the package IP allow-list; and an import never
// touches another tenant.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { activity, dataTableRows, dataTables, flows, memberships } from "@/db/schema";
import { replaceIpAllowLists } from "@/db/queries/ip-allow-lists";
import { IP_REFUSED_MESSAGE } from "@/lib/ip-allow-list";
import { runWithClientAddress } from "@/lib/request-address";
import { deriveKey, openValue } from "@/lib/tenant-export/passphrase-cipher";
import { CHECKSUM_MISMATCH, NOT_A_DATA_FILE } from "@/lib/tenant-export/read-file";
import { WRONG_PASSPHRASE } from "@/lib/tenant-export/apply-import";
import type { ImportPlan } from "@/lib/tenant-export/import-plan";
import { addMember, createTenant, createTwoTenants, createUser } from "../support/fixtures";
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
const { createFlow } = await import("@/app/t/[slug]/flows/actions");
const { createDataTable, addRow } = await import("@/app/t/[slug]/tables/actions");
const { addCredential } = await import("@/app/t/[slug]/credentials/actions");

type User = { id: string; email: string };
const PASSPHRASE = "correct horse battery staple";
let world: Awaited<ReturnType<typeof createTwoTenants>>;
let viewerA: User;
let editorA: User;
let suspendedA: User;
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

/** An Admin of a new, empty Enterprise tenant. */
async function emptyTenantWithAdmin(admin: User) {
  const tenant = await createTenant("target", { license: "enterprise" });
  await addMember(tenant.id, admin.id, ["admin"]);
  return tenant;
}

/** The file's content without what differs between two exports of the same data: the time, the source's name, the salt and IVs. */
function content(text: string, passphrase: string | null) {
  const [header, ...records] = lines(text).slice(0, -1);
  const kdf = header!.credentials as Parameters<typeof deriveKey>[1] | null;
  const key = kdf && passphrase ? deriveKey(passphrase, kdf) : null;
  return {
    header: { format: header!.format, version: header!.version, counts: header!.counts, credentials: kdf ? "sealed" : null },
    records: records.map((record) => {
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
  await addMember(world.a.id, viewerA.id, ["viewer"]);
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
  expectOk(await as(admin, () => createFlow(slug, null, { name: "Checksums", steps: ["checksum"] })));
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

  const exported = await exportTenant(slug, admin, PASSPHRASE);
  const plain = await exportTenant(slug, admin);
  expect([exported.status, plain.status]).toEqual([200, 200]);
  [withCredentials, withoutCredentials] = [exported.text, plain.text];
  // A dozen actions and two exports (scrypt included): more than the default hook time on a busy machine.
}, 180_000);

describe("the exported file", () => {
  it("is versioned, checksummed JSON lines with names and no ids, members or plaintext secrets", () => {
    const records = lines(withCredentials);
    expect(records[0]).toMatchObject({ format: "tenantry.tenant-data", version: 1, counts: { settings: 1, domain: 1, ip_allow_list: 2, flow: 2, table: 2, row: 3, credential: 2 } });
    expect(records.at(-1)).toMatchObject({ kind: "checksum", algorithm: "sha256" });
    expect(records.slice(1, -1).map((record) => record.kind)).toEqual(["settings", "domain", "ip_allow_list", "ip_allow_list", "flow", "flow", "table", "row", "row", "row", "table", "credential", "credential"]);
    expect(records.find((record) => record.kind === "row")).toMatchObject({ table: "Customers", values: { Name: "Ada", Seats: 3, Active: true, Since: "2026-01-02" } });
    for (const id of [world.a.id, world.adminA.id, viewerA.id]) expect(withCredentials).not.toContain(id);
    expect(withCredentials).not.toContain(world.adminA.email);
    expect(withCredentials).not.toContain("s3cr3t-payroll-value");
  });

  it("holds the credentials only when a passphrase was given", () => {
    expect(lines(withoutCredentials)[0]).toMatchObject({ credentials: null, counts: { credential: 0 } });
    expect(lines(withoutCredentials).some((record) => record.kind === "credential")).toBe(false);
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
    expect(plan.flows.created).toEqual(["Checksums", "Nightly sync"]);
    expect(plan.tables.created).toEqual(["Customers", "Empty"]);
    expect(plan.rowsCreated).toBe(3);
    expect(plan.credentials.created).toEqual(["Payroll token", "Short"]);
    expect(plan.ipAllowLists.created).toEqual(["admin", "package"]);
    expect(plan.domains.created).toEqual(["alpha.test"]);
    expect(plan.settings.changed).toEqual(["Contact email"]);

    const again = await exportTenant(target.slug, world.adminA, "another passphrase entirely");
    expect(again.status).toBe(200);
    expect(content(again.text, "another passphrase entirely")).toEqual(content(withCredentials, PASSPHRASE));
    // New ids in the target: none of A's rows were reused.
    const [sourceFlows, targetFlows] = await Promise.all(
      [world.a.id, target.id].map((tenantId) => withTenant({ tenantId, userId: null }, (tx) => tx.select({ id: flows.id }).from(flows).where(eq(flows.tenantId, tenantId)))),
    );
    expect(targetFlows!.filter((flow) => sourceFlows!.some((source) => source.id === flow.id))).toEqual([]);
    // The rows keep the order they were added in.
    const rows = await withTenant({ tenantId: target.id, userId: null }, (tx) =>
      tx.select({ values: dataTableRows.values }).from(dataTableRows).innerJoin(dataTables, and(eq(dataTables.tenantId, dataTableRows.tenantId), eq(dataTables.id, dataTableRows.tableId))).where(eq(dataTables.name, "Customers")).orderBy(asc(dataTableRows.createdAt), asc(dataTableRows.id)),
    );
    expect(rows.map((row) => row.values.Name)).toEqual(["Ada", "Grace", "Linus"]);
    const [entry] = await withTenant({ tenantId: target.id, userId: null }, (tx) => tx.select().from(activity).where(and(eq(activity.tenantId, target.id), eq(activity.action, "tenant.imported"))));
    expect(entry).toMatchObject({ actorUserId: world.adminA.id });
    expect(entry!.summary).toContain("flows: 2 created");
  });

  it("importing into an existing tenant merges by name: same things skipped, changed flow steps changed, nothing twice", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    expectOk(await as(world.adminA, () => createFlow(target.slug, null, { name: "Checksums", steps: ["notify"] })));
    expectOk(await as(world.adminA, () => createDataTable(target.slug, null, { name: "customers", columns: [{ name: "Other", type: "text" }] })));
    const plan = expectOk<ImportPlan>(await importAs(world.adminA, target.slug, withoutCredentials));
    expect(plan.flows).toEqual({ created: ["Nightly sync"], changed: ["Checksums"], skipped: [] });
    expect(plan.tables.created).toEqual(["Empty"]);
    expect(plan.tables.skipped).toEqual([{ name: "Customers", reason: "a table with this name exists; its rows were left as they are (3 in the file)" }]);
    const before = await snapshot(target.id);
    const second = expectOk<ImportPlan>(await importAs(world.adminA, target.slug, withoutCredentials));
    expect(second.flows.skipped.map((item) => item.name)).toEqual(["Checksums", "Nightly sync"]);
    expect(second.rowsCreated).toBe(0);
    // Nothing changed, so not even an entry.
    expect(await snapshot(target.id)).toEqual(before);
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
    expect(plan.flows.created).toEqual(["Checksums", "Nightly sync"]);
    expect(plan.credentials.created).toEqual(["Payroll token", "Short"]);
    expect(plan.rowsCreated).toBe(3);
    expect(await snapshot(target.id)).toEqual(before);
  });

  it("finds the same refusals as applying (a wrong passphrase)", async () => {
    const target = await emptyTenantWithAdmin(world.adminA);
    const result = await importAs(world.adminA, target.slug, withCredentials, "not the passphrase at all", true);
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { passphrase: [WRONG_PASSPHRASE] } });
  });
});

describe("refused files write nothing", () => {
  const flowRenamed = (text: string) => text.replace('"name":"Checksums"', '"name":"Checksumz"');
  const cases: [string, () => string, string][] = [
    ["a changed byte", () => flowRenamed(withoutCredentials), CHECKSUM_MISMATCH],
    ["a cut-off file", () => withoutCredentials.slice(0, withoutCredentials.length - 200), CHECKSUM_MISMATCH],
    ["another version (checksum recomputed)", () => rewritten(withoutCredentials, ([header, ...rest]) => [{ ...header, version: 2 }, ...rest]), "This file is format version 2; this console reads version 1."],
    ["not a data file", () => "name,seats\nAda,3\n", NOT_A_DATA_FILE],
    ["an unknown record (checksum recomputed)", () => rewritten(withoutCredentials, (records) => [...records, { kind: "member", email: "x@y.test" }]), "is not a record this console understands"],
    ["a flow step no form allows (checksum recomputed)", () => rewritten(withoutCredentials, (records) => records.map((r) => (r.kind === "flow" ? { ...r, steps: ["rm -rf"] } : r))), "would not accept"],
    ["a flow named twice (checksum recomputed)", () => rewritten(withoutCredentials, (records) => [...records, { kind: "flow", name: "Checksums", steps: ["notify"] }]), "holds the flow Checksums twice"],
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

  it("an import into one tenant never touches another (B's Admin imports A's file into B, with A's ids forged into it)", async () => {
    const [beforeA] = [await snapshot(world.a.id)];
    const aFlows = await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.select().from(flows).where(eq(flows.tenantId, world.a.id)));
    // A forger adds A's tenant and flow ids to the records (and fixes the checksum): ids in a file address nothing.
    const forged = rewritten(withCredentials, (records) =>
      records.map((record) => (record.kind === "flow" ? { ...record, id: aFlows.find((flow) => flow.name === record.name)!.id, tenantId: world.a.id } : record)),
    );
    const plan = expectOk<ImportPlan>(await importAs(world.adminB, world.b.slug, forged, PASSPHRASE));
    expect(plan.flows.created).toEqual(["Checksums", "Nightly sync"]);
    expect(await snapshot(world.a.id)).toEqual(beforeA);
    const ofB = await withTenant({ tenantId: world.b.id, userId: null }, (tx) => tx.select().from(flows).where(eq(flows.tenantId, world.b.id)));
    expect(ofB.map((flow) => flow.name).sort()).toEqual(["Checksums", "Nightly sync"]);
    expect(ofB.every((flow) => flow.createdBy === world.adminB.id)).toBe(true);
    expect(ofB.filter((flow) => aFlows.some((source) => source.id === flow.id))).toEqual([]);
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
