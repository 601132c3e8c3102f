// A flow's versions (withTenant scope): every save appends one; nothing here changes or removes one
// (the runtime role may not, and a trigger refuses any UPDATE).
import { and, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { flowVersions, users, type Environment, type FlowVersionReason } from "../schema";
import type { TenantTx } from "../scopes";

export interface NewFlowVersion {
  environment: Environment;
  flowId: string;
  name: string;
  steps: string[];
  reason: FlowVersionReason;
  restoredFrom?: number | null;
  packageId?: string | null;
  createdBy: string | null;
  /** Who imported it, for a version copied from a tenant data file. */
  importedBy?: string | null;
  /** When it was made, for a version an import copies from a file (to the microsecond); now otherwise. */
  createdAt?: string;
}

/**
 * Appends the flow's next version. The caller holds the flow's row lock (it has just inserted or
 * updated it), so two saves of one flow number their versions one after the other.
 */
export async function appendFlowVersion(tx: TenantTx, version: NewFlowVersion) {
  const [row] = await tx
    .insert(flowVersions)
    .values({
      ...version,
      tenantId: tx.tenantId,
      createdAt: version.createdAt === undefined ? undefined : sql`${version.createdAt}::timestamptz`,
      version: sql`(select coalesce(max(${flowVersions.version}), 0) + 1 from ${flowVersions}
        where ${flowVersions.tenantId} = ${tx.tenantId} and ${flowVersions.environment} = ${version.environment} and ${flowVersions.flowId} = ${version.flowId})`,
    })
    .returning({ version: flowVersions.version, createdAt: flowVersions.createdAt });
  return row!;
}

/** What a version holds (the history page, and a tenant data file's flow_version records). */
export const versionContentColumns = {
  version: flowVersions.version,
  name: flowVersions.name,
  steps: flowVersions.steps,
  reason: flowVersions.reason,
  restoredFrom: flowVersions.restoredFrom,
  packageId: flowVersions.packageId,
};

/** Who imported a version (another join of users than its author's). */
const importers = alias(users, "importers");

const versionColumns = {
  ...versionContentColumns,
  createdAt: flowVersions.createdAt,
  createdByEmail: users.email,
  /** Set for a version copied from a tenant data file: the file names no author, so the history names the importer. */
  imported: sql<boolean>`${flowVersions.importedBy} is not null`,
  importedByEmail: importers.email,
};

const ofFlow = (tx: TenantTx, environment: Environment, flowId: string) =>
  and(eq(flowVersions.tenantId, tx.tenantId), eq(flowVersions.environment, environment), eq(flowVersions.flowId, flowId));

/** A flow's versions, newest first (a flow has as many as it had saves; the page shows them all). */
export async function listFlowVersions(tx: TenantTx, environment: Environment, flowId: string) {
  return tx
    .select(versionColumns)
    .from(flowVersions)
    .leftJoin(users, eq(users.id, flowVersions.createdBy))
    .leftJoin(importers, eq(importers.id, flowVersions.importedBy))
    .where(ofFlow(tx, environment, flowId))
    .orderBy(desc(flowVersions.version));
}

export async function findFlowVersion(tx: TenantTx, environment: Environment, flowId: string, version: number) {
  const [row] = await tx
    .select(versionColumns)
    .from(flowVersions)
    .leftJoin(users, eq(users.id, flowVersions.createdBy))
    .leftJoin(importers, eq(importers.id, flowVersions.importedBy))
    .where(and(ofFlow(tx, environment, flowId), eq(flowVersions.version, version)));
  return row ?? null;
}
