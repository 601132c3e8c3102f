// A tenant data file's connections (version 3). A connection keeps its id, as flows do, because flow
// steps name connections by id ("connection:<id>"). Its settings are checked as if an Admin had typed
// them into the connection form. Its secrets come only sealed under the passphrase and are stored
// encrypted exactly like a connection made here (lib/connections/connection-secrets.ts). Without the
// passphrase a connection is created inactive and without its secret: it cannot be activated until an
// Admin edits it and enters the secret (an incoming webhook gets a fresh token, so a new URL). A
// connection the tenant has (same id) or whose name another one holds is left as it is: its secrets
// are never overwritten by a file.
import "server-only";
import { z } from "zod";
import { insertConnection } from "@/db/queries/connections";
import type { ConnectionStatus } from "@/db/schema";
import type { TenantTx } from "@/db/scopes";
import { ActionError } from "../actions/core";
import { isConnectorKey } from "../connections/catalog";
import { connectionConfigOf, newWebhookToken, type ConnectionSecrets } from "../connections/connection-config";
import { ConnectionNameInput, connectionFields } from "../connections/connection-input";
import { sealConnectionSecrets } from "../connections/connection-secrets";
import type { RecordOf } from "./format";
import type { KindOutcome } from "./import-plan";
import { openValue } from "./passphrase-cipher";
import { checked, refuseFile } from "./refuse-file";

/** Why an imported connection without its secret is inactive (shown on its page until it is edited). */
export const IMPORTED_WITHOUT_SECRET = "Imported without its secret: edit the connection, enter its secret, then activate it.";

const SettingsInput = z.object(connectionFields).strict();
const SecretsInput = z.record(z.string().max(100), z.string().max(10_000));
/** Stands in for the secrets while only the settings are checked (never stored). */
const ANY_SECRET: ConnectionSecrets = { token: "-", password: "-", webhookToken: "-" };

interface ImportedConnections {
  records: RecordOf<"connection">[];
  /** The passphrase's key; null: none was given (the connections come without secrets). */
  key: Buffer | null;
  wrongPassphrase: () => never;
}

export async function importConnections(tx: TenantTx, file: ImportedConnections, targets: { id: string; name: string }[], createdBy: string | null, outcome: KindOutcome): Promise<void> {
  const ids = new Set(targets.map((connection) => connection.id));
  const names = new Set(targets.map((connection) => connection.name));
  const inFile = new Set<string>();
  for (const record of file.records) {
    const name = checked(ConnectionNameInput, record.name, "a connection name");
    if (inFile.has(record.id) || inFile.has(name)) refuseFile(`The file holds the connection ${name} twice. Nothing was imported.`);
    inFile.add(record.id).add(name);
    const connector = isConnectorKey(record.connector) ? record.connector : refuseFile(`The file's connection ${name} uses a connector this console does not have. Nothing was imported.`);
    const fields = checked(SettingsInput, record.settings, `settings of the connection ${name}`);
    const given = openSecrets(file, record);
    const config = configOf(name, () => connectionConfigOf(connector, fields, given ?? ANY_SECRET));
    if (ids.has(record.id)) {
      outcome.skipped.push({ name, reason: "this connection is already there; its settings and secret were kept" });
      continue;
    }
    if (names.has(name)) {
      outcome.skipped.push({ name, reason: "another connection has this name" });
      continue;
    }
    // Without the passphrase: no secret (a webhook a fresh token), inactive until someone enters it.
    const secrets = given ? config.secrets : connector === "incoming_webhook" ? { webhookToken: newWebhookToken() } : {};
    const status: ConnectionStatus = given ? record.status : "inactive";
    const encrypted = sealConnectionSecrets(tx.tenantId, record.id, secrets);
    await insertConnection(tx, { id: record.id, name, connector, settings: config.settings, encrypted, status, lastError: given ? null : IMPORTED_WITHOUT_SECRET, createdBy });
    ids.add(record.id);
    names.add(name);
    outcome.created.push(given ? name : `${name} (inactive: needs its secret)`);
  }
}

/** The record's secrets opened with the passphrase; null when the file or the caller has none. */
function openSecrets(file: ImportedConnections, record: RecordOf<"connection">): ConnectionSecrets | null {
  if (!record.secrets || !file.key) return null;
  const text = openValue(file.key, { connectionId: record.id }, record.secrets);
  if (text === null) return file.wrongPassphrase();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  return checked(SecretsInput, parsed, `secrets of the connection ${record.name.slice(0, 80)}`);
}

/** The connector's checks of settings and secrets, as the form runs them; a refusal refuses the file. */
function configOf(name: string, build: () => ReturnType<typeof connectionConfigOf>) {
  try {
    return build();
  } catch (error) {
    if (error instanceof ActionError) refuseFile(`The file's connection ${name} has settings this console would not accept. Nothing was imported.`);
    throw error;
  }
}
