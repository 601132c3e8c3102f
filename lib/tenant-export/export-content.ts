// What an export holds, read in the export's first transaction: everything but the tables' rows (groups
// without their members, flows of every environment with their versions, packages with their snapshots). The
// credentials are included only when the Admin gave a passphrase: each value is decrypted with the
// server's key and sealed under the passphrase (lib/tenant-export/passphrase-cipher.ts).
import "server-only";
import { readIpAllowLists } from "@/db/queries/ip-allow-lists";
import { readCredentialsForExport, readFlowVersionsForExport, readPackagesForExport, readTenantDataHead } from "@/db/queries/tenant-data";
import type { TenantTx } from "@/db/scopes";
import { decryptValue } from "../secrets/cipher";
import { secretsKeyring } from "../secrets/keyring";
import { ACCESS_KINDS } from "../ip-allow-list";
import type { DataRecord, RecordOf } from "./format";
import type { ExportContent } from "./export-stream";
import { deriveKey, newKdf, sealValue } from "./passphrase-cipher";

export async function readExportContent(tx: TenantTx, tenantName: string, passphrase: string | null): Promise<ExportContent> {
  const head = await readTenantDataHead(tx);
  const lists = await readIpAllowLists(tx);
  const leading: DataRecord[] = [];
  if (head.settings) leading.push({ kind: "settings", ...head.settings });
  for (const domain of head.domains) leading.push({ kind: "domain", domain });
  for (const kind of ACCESS_KINDS) if (lists[kind]?.length) leading.push({ kind: "ip_allow_list", list: kind, cidrs: lists[kind] });
  for (const group of head.groups) leading.push({ kind: "group", name: group.name, permissions: group.permissions });
  for (const flow of head.flows) leading.push({ kind: "flow", environment: flow.environment, id: flow.id, name: flow.name, steps: flow.steps });
  // The history of the flows the tenant has (a deleted flow's versions stay in the tenant, not in the file).
  const present = new Set(head.flows.map((flow) => `${flow.environment}:${flow.id}`));
  for (const version of await readFlowVersionsForExport(tx)) if (present.has(`${version.environment}:${version.flowId}`)) leading.push({ kind: "flow_version", ...version });
  for (const pkg of await readPackagesForExport(tx)) leading.push({ kind: "package", ...pkg });

  let credentials: RecordOf<"credential">[] = [];
  const kdf = passphrase ? newKdf() : null;
  if (passphrase && kdf) {
    const rows = await readCredentialsForExport(tx);
    const key = deriveKey(passphrase, kdf);
    const keyring = rows.length ? secretsKeyring() : null;
    credentials = rows.map((row) => {
      const value = decryptValue(keyring!, { tenantId: tx.tenantId, credentialId: row.id }, row);
      return { kind: "credential", name: row.name, description: row.description, ...sealValue(key, row.name, value) };
    });
  }
  return { tenantName, leading, tables: head.tables, rowCount: head.rowCount, credentials, kdf };
}
