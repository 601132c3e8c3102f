"use server";

// Connections: create, edit, test, deactivate, activate and delete (Editors and Admins:
// connections.manage). Secrets are encrypted before they reach the database and never leave it
// through the console or the API: results and activity entries carry the name, connector and status
// only. A connection id from another tenant, or a malformed one, is not found.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { TenantTx } from "@/db/scopes";
import type { ConnectionStatus } from "@/db/schema";
import { deleteConnection as deleteConnectionRow, insertConnection, lockConnectionSecrets, readConnectionSecrets, updateConnection } from "@/db/queries/connections";
import { outsideWork, tenantAction } from "@/lib/actions/tenant-action";
import { ActionError } from "@/lib/actions/core";
import { actingUserId } from "@/lib/caller";
import { withUniqueName } from "@/lib/actions/unique-name";
import { requireRow } from "@/lib/actions/require-row";
import { CONNECTOR_CATALOG, isConnectorKey, STATUS_LABELS } from "@/lib/connections/catalog";
import { ConnectionIdInput, ConnectionNameInput, ConnectorInput, connectionFields } from "@/lib/connections/connection-input";
import { connectionConfigOf, lacksSecret, NEEDS_SECRET_MESSAGE } from "@/lib/connections/connection-config";
import { openConnectionSecrets, sealConnectionSecrets } from "@/lib/connections/connection-secrets";
import { testConnection as callTarget } from "@/lib/connections/test-connection";

const requireConnection = (tx: TenantTx, connectionId: string) => requireRow(connectionId, (id) => lockConnectionSecrets(tx, id));

const withUniqueConnectionName = <T,>(write: () => Promise<T>) =>
  withUniqueName("connections_tenant_name", "A connection with this name already exists in this tenant.", write);

/** A connection action's entry: by id, name and connector, never a secret. */
function connectionEntry(action: string, connection: { id: string; name: string; connector: string }, summary: string, details: Record<string, unknown> = {}) {
  return { action, targetType: "connection", targetId: connection.id, summary, details: { name: connection.name, connector: connection.connector, ...details } };
}

/** The stored connector, as the catalog knows it (a row always holds one of its keys). */
function connectorOf(connection: { connector: string }) {
  if (!isConnectorKey(connection.connector)) throw new Error(`connection with unknown connector ${connection.connector}`);
  return connection.connector;
}

export const createConnection = tenantAction({
  name: "connection.create",
  permission: "connections.manage",
  input: z.object({ name: ConnectionNameInput, connector: ConnectorInput, ...connectionFields }),
  async run({ tx, actor, input }) {
    const { name, connector, ...fields } = input;
    const config = connectionConfigOf(connector, fields, null);
    const id = randomUUID();
    const connection = await withUniqueConnectionName(() =>
      insertConnection(tx, { id, name, connector, settings: config.settings, encrypted: sealConnectionSecrets(tx.tenantId, id, config.secrets), createdBy: actingUserId(actor) }),
    );
    return {
      data: { id: connection.id, name: connection.name },
      activity: connectionEntry("connection.created", connection, `${actor.user.email} created the ${CONNECTOR_CATALOG[connector].label} connection ${connection.name}`),
    };
  },
});

export const updateConnectionAction = tenantAction({
  name: "connection.update",
  permission: "connections.manage",
  input: z.object({ connectionId: ConnectionIdInput, name: ConnectionNameInput, ...connectionFields }),
  async run({ tx, actor, input }) {
    const { connectionId, name, ...fields } = input;
    const connection = await requireConnection(tx, connectionId);
    const connector = connectorOf(connection);
    // An empty secret keeps the stored one.
    const stored = openConnectionSecrets(tx.tenantId, connection.id, connection.encrypted);
    const config = connectionConfigOf(connector, fields, stored);
    const secretsChanged = Object.keys(config.secrets).some((key) => config.secrets[key] !== stored[key]) || Object.keys(stored).length !== Object.keys(config.secrets).length;
    const updated = await withUniqueConnectionName(() =>
      updateConnection(tx, connection.id, { name, settings: config.settings, encrypted: sealConnectionSecrets(tx.tenantId, connection.id, config.secrets) }),
    );
    return {
      data: { id: connection.id, name },
      activity: connectionEntry("connection.updated", updated ?? connection, `${actor.user.email} edited the connection ${name}`, {
        from: { name: connection.name, settings: connection.settings },
        to: { name, settings: config.settings },
        // Whether a secret changed, never which value.
        secretsChanged,
      }),
    };
  },
});

/** What "Test connection" read before calling the target (its secrets opened only for the call). */
async function readForTest(tx: TenantTx, connectionId: string) {
  const connection = await requireRow(connectionId, (id) => readConnectionSecrets(tx, id));
  return { connection, secrets: openConnectionSecrets(tx.tenantId, connection.id, connection.encrypted) };
}

const CHANGED_DURING_TEST_MESSAGE = "The connection was changed while it was being tested. Test it again.";

export const testConnectionAction = tenantAction({
  name: "connection.test",
  permission: "connections.manage",
  input: z.object({ connectionId: ConnectionIdInput }),
  // The call may take up to the test timeout: it holds no transaction nor lock, so the connection can
  // be edited, deactivated or deleted meanwhile (run re-checks it before recording the status).
  outside: outsideWork(
    ({ tx, input }: { tx: TenantTx; input: { connectionId: string } }) => readForTest(tx, input.connectionId),
    async ({ connection, secrets }) => ({
      tested: { id: connection.id, version: connection.version },
      outcome: await callTarget(connectorOf(connection), { settings: connection.settings, secrets, active: connection.status !== "inactive" }),
    }),
  ),
  async run({ tx, actor, input, called }) {
    const { tested, outcome } = called as { tested: { id: string; version: number }; outcome: Awaited<ReturnType<typeof callTarget>> };
    // Locked now, only for recording: deleted meanwhile is not found, changed meanwhile (its version
    // counter moved, whatever the clock said) is refused: the test said something about settings that
    // are no longer the connection's.
    const connection = await requireConnection(tx, input.connectionId);
    if (connection.id !== tested.id || connection.version !== tested.version) throw new ActionError("CONFLICT", CHANGED_DURING_TEST_MESSAGE);
    // A deactivated connection stays inactive whatever the test says (deactivating is a person's decision).
    const status: ConnectionStatus = connection.status === "inactive" ? "inactive" : outcome.ok ? "active" : "failing";
    await updateConnection(tx, connection.id, { status, lastError: outcome.ok ? null : outcome.message, lastTestedAt: new Date() });
    return {
      data: { id: connection.id, ok: outcome.ok, status, message: outcome.message },
      message: outcome.ok ? `Connection works: ${outcome.message}` : `Connection failed: ${outcome.message}`,
      activity: connectionEntry(
        "connection.tested",
        connection,
        `${actor.user.email} tested the connection ${connection.name}: ${outcome.ok ? "it works" : "it failed"}`,
        { ok: outcome.ok, status, message: outcome.message },
      ),
    };
  },
});

/** Deactivate or activate: a status a person sets (a test sets active or failing itself). */
function statusAction(name: "connection.deactivate" | "connection.activate", status: "inactive" | "active") {
  return tenantAction({
    name,
    permission: "connections.manage",
    input: z.object({ connectionId: ConnectionIdInput }),
    async run({ tx, actor, input }) {
      const connection = await requireConnection(tx, input.connectionId);
      if (connection.status === status) return { data: { id: connection.id, status }, activity: null };
      if (status === "active" && lacksSecret(connectorOf(connection), connection.settings, openConnectionSecrets(tx.tenantId, connection.id, connection.encrypted))) {
        throw new ActionError("VALIDATION", NEEDS_SECRET_MESSAGE);
      }
      await updateConnection(tx, connection.id, { status, lastError: null });
      const verb = status === "inactive" ? "deactivated" : "activated";
      return {
        data: { id: connection.id, status },
        activity: connectionEntry(`connection.${verb}`, connection, `${actor.user.email} ${verb} the connection ${connection.name}`, {
          from: STATUS_LABELS[connection.status],
          to: STATUS_LABELS[status],
        }),
      };
    },
  });
}

export const deactivateConnection = statusAction("connection.deactivate", "inactive");
export const activateConnection = statusAction("connection.activate", "active");

export const deleteConnection = tenantAction({
  name: "connection.delete",
  permission: "connections.manage",
  input: z.object({ connectionId: ConnectionIdInput }),
  async run({ tx, actor, input }) {
    const connection = await requireConnection(tx, input.connectionId);
    await deleteConnectionRow(tx, connection.id);
    return {
      data: { id: connection.id },
      activity: connectionEntry("connection.deleted", connection, `${actor.user.email} deleted the connection ${connection.name}`),
    };
  },
});
