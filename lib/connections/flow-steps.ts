// A flow's steps may use connections by id ("connection:<id>"). Saving them checks, in the save's
// transaction (so under the tenant's row-level security), that every id is a connection of the same
// tenant: another tenant's id is refused like one that never existed, under the steps field.
import "server-only";
import { activeConnectionIds, existingConnectionIds } from "@/db/queries/connections";
import type { TenantTx } from "@/db/scopes";
import { ActionError } from "../actions/core";
import { connectionOfStep } from "../flows/steps";

const connectionIdsOf = (steps: readonly string[]) => [...new Set(steps.map(connectionOfStep).filter((id): id is string => id !== null))];

export const UNKNOWN_CONNECTION_MESSAGE = "A step uses a connection that does not exist in this tenant. Choose steps from the list.";

/** Refuses (VALIDATION, under `steps`) steps naming a connection this tenant does not have. */
export async function requireOwnConnections(tx: TenantTx, steps: readonly string[]): Promise<void> {
  const ids = connectionIdsOf(steps);
  const found = await existingConnectionIds(tx, ids);
  if (ids.some((id) => !found.has(id))) throw new ActionError("VALIDATION", "Please correct the highlighted fields.", { steps: [UNKNOWN_CONNECTION_MESSAGE] });
}

/** The active connections among those the steps use (a run may use only these). */
export const resolveConnections = (tx: TenantTx, steps: readonly string[]) => activeConnectionIds(tx, connectionIdsOf(steps));
