// Importing a tenant data file into the transaction's tenant, as a merge by name: what the tenant does
// not have is created (with new ids: the file has none), flows whose steps differ are changed, and
// what would overwrite something the tenant keeps is skipped with the reason. Every value is checked
// as if an Admin had typed it (a checksum proves the file is whole, not who made it). A bad value
// refuses the whole file: the caller's transaction rolls back and nothing is written. The dry run runs
// exactly this and rolls back (lib/actions/tenant-action.ts, tenantDryRun).
import "server-only";
import { addApprovedDomain, listApprovedDomains } from "@/db/queries/approved-domains";
import { insertCredential } from "@/db/queries/credentials";
import { insertDataTable } from "@/db/queries/data-tables";
import { readIpAllowLists, replaceIpAllowLists } from "@/db/queries/ip-allow-lists";
import { insertImportedRows, readImportTargets } from "@/db/queries/tenant-data";
import { updateTenantSettings } from "@/db/queries/tenants";
import type { DataRowValues, MemberRole, Tenant } from "@/db/schema";
import type { TenantTx } from "@/db/scopes";
import { ActionError } from "../actions/core";
import { CredentialDescriptionInput, CredentialNameInput, CredentialValueInput, shownTailOf } from "../credentials/credential-input";
import { dataTableRoomProblem } from "../data-tables/limits";
import { parseRowValues, valueField } from "../data-tables/row-values";
import { normaliseDomain } from "../email-domains";
import { ACCESS_KINDS, addressAllowed, parseCidrList, type AccessKind } from "../ip-allow-list";
import { licenseAllows } from "../licenses";
import { encryptValue } from "../secrets/cipher";
import { SECRETS_KEY_MISSING_MESSAGE, SecretsKeyError, secretsKeyring } from "../secrets/keyring";
import { ContactEmailSchema } from "../tenant-fields";
import type { DataRecord, Header, RecordOf } from "./format";
import { importConnections } from "./import-connections";
import { importDashboards } from "./import-dashboards";
import { importFlows } from "./import-flows";
import { importGroupFlows, importGroups } from "./import-groups";
import { importPackages } from "./import-packages";
import { importTableTemplateUses } from "./import-table-template-uses";
import { importTemplateUses } from "./import-template-uses";
import { importTwoFactorRequirement, POLICY_REASON } from "./import-two-factor";
import { emptyPlan, type ImportPlan } from "./import-plan";
import { deriveKey, kdfAcceptable, openValue } from "./passphrase-cipher";
import { checked, refuseFile } from "./refuse-file";
import { checkedTable } from "./table-record";

export const WRONG_PASSPHRASE = "This passphrase does not open the file's credentials. Enter the one it was exported with.";
const ROW_INSERT_BATCH = 500;

export interface ImportCaller {
  userId: string | null;
  email: string;
  ip: string | null;
  /** Visiting superadmins are not held by the tenant's lists, so no list can shut them out. */
  viaSuperadmin: boolean;
  /** The caller's built-in groups and whether they have two-factor (an import may not require it of them before they do). */
  roles: MemberRole[];
  twoFactorEnabled: boolean;
}


const ofKind = <K extends DataRecord["kind"]>(records: DataRecord[], kind: K) => records.filter((record): record is RecordOf<K> => record.kind === kind);

const wrongPassphrase = (): never => {
  throw new ActionError("VALIDATION", WRONG_PASSPHRASE, { passphrase: [WRONG_PASSPHRASE] });
};

/** The key the file's secrets (credentials, connections') are sealed under; null when it holds none or no passphrase was given. */
function passphraseKey(header: Header, records: DataRecord[], passphrase: string | null): Buffer | null {
  const sealed = records.some((record) => record.kind === "credential" || (record.kind === "connection" && record.secrets));
  if (!sealed || !passphrase) return null;
  if (!header.credentials || !kdfAcceptable(header.credentials)) return refuseFile("The file's credentials are sealed in a way this console does not accept.");
  return deriveKey(passphrase, header.credentials);
}

/** The credentials' values, opened with the passphrase's key; null when there is none (they are skipped). */
function openCredentials(key: Buffer | null, credentials: RecordOf<"credential">[]): Map<string, string> | null {
  if (!credentials.length || !key) return null;
  const values = new Map<string, string>();
  for (const credential of credentials) values.set(credential.name, openValue(key, credential.name, credential) ?? wrongPassphrase());
  return values;
}

export async function applyImport(
  tx: TenantTx,
  tenant: Tenant,
  caller: ImportCaller,
  file: { header: Header; records: DataRecord[] },
  passphrase: string | null,
): Promise<ImportPlan> {
  const plan = emptyPlan();
  const { records } = file;
  const credentialRecords = ofKind(records, "credential");
  const key = passphraseKey(file.header, records, passphrase);
  const credentialValues = openCredentials(key, credentialRecords);

  // Settings: the contact email. Magic link is never changed by a file: turning it off could lock out
  // members who have no password; the Admin sets it in Settings. The two-factor requirement is applied
  // after the groups, under the settings page's guard (lib/tenant-export/import-two-factor.ts).
  const settingsRecord = ofKind(records, "settings")[0];
  if (settingsRecord) {
    const contactEmail = checked(ContactEmailSchema, settingsRecord.contactEmail ?? "", "a contact email");
    if (contactEmail !== tenant.contactEmail) {
      await updateTenantSettings(tx, { contactEmail });
      plan.settings.changed.push("Contact email");
    }
    if (settingsRecord.magicLinkEnabled !== tenant.magicLinkEnabled) plan.settings.skipped.push({ name: "Magic link login", reason: POLICY_REASON });
  }

  const domains = ofKind(records, "domain").map((record) => {
    const parsed = normaliseDomain(record.domain);
    return parsed.ok ? parsed.domain : refuseFile(`The file holds an approved domain this console would not accept (${record.domain.slice(0, 60)}). Nothing was imported.`);
  });
  const existingDomains = new Set(await listApprovedDomains(tx));
  for (const domain of new Set(domains)) {
    if (existingDomains.has(domain)) plan.domains.skipped.push({ name: domain, reason: "already approved" });
    else if (!licenseAllows(tenant.license, "approvedDomains")) plan.domains.skipped.push({ name: domain, reason: "this tenant's license has no approved domains" });
    else if (await addApprovedDomain(tx, domain)) plan.domains.created.push(domain);
  }

  const currentLists = await readIpAllowLists(tx);
  const nextLists: Record<string, string[]> = Object.fromEntries(ACCESS_KINDS.map((kind) => [kind, currentLists[kind] ?? []]));
  for (const record of ofKind(records, "ip_allow_list")) {
    const parsed = parseCidrList(record.cidrs.join("\n"));
    const cidrs = parsed.ok ? parsed.cidrs : refuseFile(`The file's ${record.list} IP allow-list is not a list of addresses. Nothing was imported.`);
    const current = currentLists[record.list as AccessKind] ?? [];
    if (current.join(",") === cidrs.join(",")) plan.ipAllowLists.skipped.push({ name: record.list, reason: "the same list is already set" });
    else if (!caller.viaSuperadmin && !addressAllowed(caller.ip, cidrs)) {
      plan.ipAllowLists.skipped.push({ name: record.list, reason: `it would shut out your address (${caller.ip ?? "unknown"}): set it in Settings` });
    } else {
      nextLists[record.list] = cidrs;
      (current.length ? plan.ipAllowLists.changed : plan.ipAllowLists.created).push(record.list);
    }
  }
  if (plan.ipAllowLists.created.length || plan.ipAllowLists.changed.length) await replaceIpAllowLists(tx, nextLists);

  const targets = await readImportTargets(tx);
  const groupRecords = ofKind(records, "group");
  await importGroups(tx, tenant.name, groupRecords, plan.groups);
  if (settingsRecord) await importTwoFactorRequirement(tx, tenant, caller, { settings: settingsRecord, groups: groupRecords }, plan.settings);
  await importConnections(tx, { records: ofKind(records, "connection"), key, wrongPassphrase }, targets.connections, caller.userId, plan.connections);
  const mergedFlowIds = await importFlows(tx, { flows: ofKind(records, "flow"), versions: ofKind(records, "flow_version") }, targets.flows, caller.userId, plan.flows);
  requireRoomForImportedFlows(tenant, plan);

  await importGroupFlows(tx, groupRecords, mergedFlowIds, plan.groups);
  await importPackages(tx, ofKind(records, "package"), targets.packages, plan.packages);
  await importTemplateUses(tx, ofKind(records, "template_use"), caller.userId, plan.templates);
  // A customisation the tenant lacked made a flow (as "Use template" does): held to the same cap.
  requireRoomForImportedFlows(tenant, plan);
  // Tables by lower-case name: the tenant's, then the ones this import creates (dashboards' widgets and
  // table template customisations name their table by name).
  // A template table by both its names (stored: the unique index's; shown: what files name it by).
  const tableIds = new Map(targets.tables.flatMap((table) => [[table.name.toLowerCase(), table.id] as const, [table.shownName.toLowerCase(), table.id] as const]));
  const createdTables = await importTables(tx, records, tableIds, { caller, license: tenant.license }, plan);
  await importTableTemplateUses(tx, ofKind(records, "table_template_use"), createdTables, caller.userId, plan.tableTemplates);
  const fileTables = new Map(ofKind(records, "table").map((table) => [table.name, table.columns]));
  await importDashboards(tx, { dashboards: ofKind(records, "dashboard"), tables: fileTables }, { dashboardNames: targets.dashboardNames, tableIds }, caller.userId, plan.dashboards);

  const takenCredentials = new Set(targets.credentialNames);
  for (const record of credentialRecords) {
    const name = checked(CredentialNameInput, record.name, "a credential name");
    if (!credentialValues) plan.credentials.skipped.push({ name, reason: "no passphrase given" });
    else if (takenCredentials.has(name)) plan.credentials.skipped.push({ name, reason: "a credential with this name exists; its value was kept" });
    else {
      const value = checked(CredentialValueInput, credentialValues.get(record.name), `the value of the credential ${name}`);
      const description = checked(CredentialDescriptionInput, record.description ?? undefined, `the description of the credential ${name}`);
      const id = crypto.randomUUID();
      await insertCredential(tx, { id, name, description, value: encryptValue(keyring(), { tenantId: tx.tenantId, credentialId: id }, value), valueLast4: shownTailOf(value), updatedByUserId: caller.userId, updatedByEmail: caller.email });
      takenCredentials.add(name);
      plan.credentials.created.push(name);
    }
  }
  return plan;
}

/**
 * The tenant's flow cap, over the flows the import has made so far: the file's own and those made from
 * workspace templates for customisations the tenant lacked ("Use template" counts those too). The
 * tenant row is locked (import-action.ts), so tenant.flowCount is the count before the import.
 */
function requireRoomForImportedFlows(tenant: Tenant, plan: ImportPlan) {
  const fromTemplates = plan.templates.created.length;
  const flowCount = tenant.flowCount + plan.flows.created.length + fromTemplates;
  if (flowCount <= tenant.flowCap) return;
  const made = fromTemplates ? ` (${fromTemplates} of them made from workspace templates)` : "";
  refuseFile(`The file would bring this tenant to ${flowCount} flows${made}; its flow cap is ${tenant.flowCap}. Nothing was imported: delete flows or ask a superadmin to raise the cap.`);
}

function keyring() {
  try {
    return secretsKeyring();
  } catch (error) {
    if (!(error instanceof SecretsKeyError)) throw error;
    throw new ActionError("UNAVAILABLE", SECRETS_KEY_MISSING_MESSAGE, { passphrase: [SECRETS_KEY_MISSING_MESSAGE] });
  }
}

/**
 * Tables the tenant does not have, with their rows (each checked against its columns); a table of the
 * same name is left as it is. `tableIds` (lower-case name to id) gets the created ones; answers those alone.
 */
async function importTables(tx: TenantTx, records: DataRecord[], tableIds: Map<string, string>, { caller, license }: { caller: ImportCaller; license: string }, plan: ImportPlan) {
  const createdIds = new Map<string, string>();
  const rowsByTable = new Map<string, RecordOf<"row">[]>();
  for (const row of ofKind(records, "row")) {
    const list = rowsByTable.get(row.table);
    if (list) list.push(row);
    else rowsByTable.set(row.table, [row]);
  }
  const tables = ofKind(records, "table");
  const declared = new Set(tables.map((table) => table.name));
  if ([...rowsByTable.keys()].some((name) => !declared.has(name))) refuseFile("The file holds rows of a table it does not describe. Nothing was imported.");
  // The license's table and row limits, as adding tables and rows by hand would hold them (the tenant is
  // locked: lockTenant in import-action.ts), before anything is written; the dry run finds the same.
  // A name the tenant has, or that the file repeats, is skipped below: counted once, or not at all.
  const creating = new Map<string, number>();
  for (const record of tables) {
    const name = checkedTable(record).name.toLowerCase();
    if (!tableIds.has(name) && !creating.has(name)) creating.set(name, rowsByTable.get(record.name)?.length ?? 0);
  }
  const problem = await dataTableRoomProblem(tx, license, { tables: creating.size, rows: [...creating.values()].reduce((sum, rows) => sum + rows, 0) });
  if (problem) refuseFile(problem);
  for (const record of tables) {
    const table = checkedTable(record);
    const rows = rowsByTable.get(record.name) ?? [];
    if (tableIds.has(table.name.toLowerCase())) {
      plan.tables.skipped.push({ name: table.name, reason: `a table with this name exists; its rows were left as they are (${rows.length} in the file)` });
      continue;
    }
    const created = await insertDataTable(tx, { name: table.name, columns: table.columns, createdBy: caller.userId });
    tableIds.set(table.name.toLowerCase(), created.id);
    createdIds.set(table.name.toLowerCase(), created.id);
    const values: { values: DataRowValues; createdAt: string }[] = rows.map((row) => {
      const fields = Object.fromEntries(table.columns.map((column, index) => [valueField(index), row.values[column.key ?? column.name]]));
      const parsed = parseRowValues(table.columns, fields);
      // A value the row never had (a column that came to its table after it) stays absent, as in the source.
      const kept = parsed.ok ? Object.fromEntries(Object.entries(parsed.values).filter(([key]) => key in row.values)) : null;
      return kept ? { values: kept, createdAt: row.createdAt } : refuseFile(`A row of the table ${table.name} does not fit its columns. Nothing was imported.`);
    });
    for (let start = 0; start < values.length; start += ROW_INSERT_BATCH) await insertImportedRows(tx, { id: created.id, columns: table.columns }, values.slice(start, start + ROW_INSERT_BATCH));
    plan.tables.created.push(table.name);
    plan.rowsCreated += values.length;
  }
  return createdIds;
}
