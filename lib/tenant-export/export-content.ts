// What an export holds, read in the export's first transaction: everything but the tables' rows (groups
// without their members, connections, flows of every environment with their versions, packages with
// their snapshots, flow template customisations, dashboards with their widgets, table template
// customisations; a table made from a template as its tenant sees it). The credentials and the
// connections' secrets are included only when the Admin gave a passphrase: each value is decrypted with
// the server's key and sealed under the passphrase (lib/tenant-export/passphrase-cipher.ts); without
// one a connection travels with its settings only.
import "server-only";
import { readIpAllowLists } from "@/db/queries/ip-allow-lists";
import {
  readConnectionsForExport,
  readCredentialsForExport,
  readDashboardsForExport,
  readFlowVersionsForExport,
  readPackagesForExport,
  readTableTemplateUsesForExport,
  readTemplateUsesForExport,
  readTenantDataHead,
} from "@/db/queries/tenant-data";
import type { TenantTx } from "@/db/scopes";
import { decryptBound, decryptValue } from "../secrets/cipher";
import { connectionSecretContext } from "../connections/secret-context";
import { secretsKeyring } from "../secrets/keyring";
import { ACCESS_KINDS } from "../ip-allow-list";
import type { DataRecord, RecordOf } from "./format";
import type { ExportContent } from "./export-stream";
import { widgetForFile } from "./import-dashboards";
import { deriveKey, newKdf, sealValue } from "./passphrase-cipher";

export async function readExportContent(tx: TenantTx, tenantName: string, passphrase: string | null): Promise<ExportContent> {
  const head = await readTenantDataHead(tx);
  const lists = await readIpAllowLists(tx);
  const kdf = passphrase ? newKdf() : null;
  const key = passphrase && kdf ? deriveKey(passphrase, kdf) : null;
  const leading: DataRecord[] = [];
  if (head.settings) leading.push({ kind: "settings", ...head.settings });
  for (const domain of head.domains) leading.push({ kind: "domain", domain });
  for (const kind of ACCESS_KINDS) if (lists[kind]?.length) leading.push({ kind: "ip_allow_list", list: kind, cidrs: lists[kind] });
  for (const group of head.groups) leading.push({ kind: "group", ...group });
  const connections = await readConnectionsForExport(tx);
  const connectionKeyring = key && connections.length ? secretsKeyring() : null;
  for (const { keyId, iv, authTag, ciphertext, ...connection } of connections) {
    // The stored JSON of secrets, re-sealed under the passphrase as it is (never parsed or shown).
    const secrets = connectionKeyring && key ? sealValue(key, { connectionId: connection.id }, decryptBound(connectionKeyring, connectionSecretContext(tx.tenantId, connection.id), { keyId, iv, authTag, ciphertext })) : null;
    leading.push({ kind: "connection", ...connection, secrets });
  }
  for (const flow of head.flows) leading.push({ kind: "flow", environment: flow.environment, id: flow.id, name: flow.name, steps: flow.steps });
  // The history of the flows the tenant has (a deleted flow's versions stay in the tenant, not in the file).
  const present = new Set(head.flows.map((flow) => `${flow.environment}:${flow.id}`));
  for (const version of await readFlowVersionsForExport(tx)) if (present.has(`${version.environment}:${version.flowId}`)) leading.push({ kind: "flow_version", ...version });
  for (const pkg of await readPackagesForExport(tx)) leading.push({ kind: "package", ...pkg });
  for (const use of await readTemplateUsesForExport(tx)) leading.push({ kind: "template_use", ...use });
  // Widgets name their tables by name in the file: tables get new ids on import.
  const tableNames = new Map(head.tables.map((table) => [table.id, table.name]));
  for (const board of await readDashboardsForExport(tx)) leading.push({ kind: "dashboard", name: board.name, widgets: board.widgets.map((widget) => widgetForFile(widget, tableNames)) });
  // A template table's customisation names its table as the file does: by the name the tenant sees.
  for (const { tableId, ...use } of await readTableTemplateUsesForExport(tx)) {
    const table = tableNames.get(tableId);
    if (table !== undefined) leading.push({ kind: "table_template_use", ...use, table });
  }

  let credentials: RecordOf<"credential">[] = [];
  if (key) {
    const rows = await readCredentialsForExport(tx);
    const keyring = rows.length ? secretsKeyring() : null;
    credentials = rows.map((row) => {
      const value = decryptValue(keyring!, { tenantId: tx.tenantId, credentialId: row.id }, row);
      return { kind: "credential", name: row.name, description: row.description, ...sealValue(key, row.name, value) };
    });
  }
  return { tenantName, leading, tables: head.tables, rowCount: head.rowCount, credentials, kdf };
}
