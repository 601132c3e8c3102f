// Packages of flows (withTenant scope): made once, never changed (the runtime role may read, insert and
// delete them, never update them). Deploying reads a package here in its own tenant's scope; writing the flows happens in
// the target's scope (lib/packages/deploy.ts).
import { and, asc, count, desc, eq, inArray, max } from "drizzle-orm";
import { flowVersions, packageFlows, packages, users, type Environment } from "../schema";
import type { TenantTx } from "../scopes";

export interface PackagedFlow {
  flowId: string;
  version: number;
  name: string;
  steps: string[];
}

export async function insertPackage(tx: TenantTx, pkg: { name: string; environment: Environment; createdBy: string | null }, contents: PackagedFlow[]) {
  const [row] = await tx.insert(packages).values({ ...pkg, tenantId: tx.tenantId }).returning({ id: packages.id, name: packages.name, createdAt: packages.createdAt });
  await tx.insert(packageFlows).values(contents.map((flow) => ({ ...flow, tenantId: tx.tenantId, packageId: row!.id })));
  return row!;
}

/** The tenant's packages, newest first, with how many flows each holds. */
export async function listPackages(tx: TenantTx) {
  return tx
    .select({
      id: packages.id,
      name: packages.name,
      environment: packages.environment,
      createdAt: packages.createdAt,
      createdByEmail: users.email,
      flowCount: count(packageFlows.flowId),
    })
    .from(packages)
    .leftJoin(users, eq(users.id, packages.createdBy))
    .leftJoin(packageFlows, and(eq(packageFlows.tenantId, packages.tenantId), eq(packageFlows.packageId, packages.id)))
    .where(eq(packages.tenantId, tx.tenantId))
    .groupBy(packages.tenantId, packages.id, users.email)
    .orderBy(desc(packages.createdAt), asc(packages.id));
}

/** A package and its flows as they were packaged, or null (another tenant's id included). */
export async function findPackage(tx: TenantTx, packageId: string) {
  const [pkg] = await tx
    .select({ id: packages.id, name: packages.name, environment: packages.environment })
    .from(packages)
    .where(and(eq(packages.tenantId, tx.tenantId), eq(packages.id, packageId)));
  if (!pkg) return null;
  const flows = await tx
    .select({ flowId: packageFlows.flowId, version: packageFlows.version, name: packageFlows.name, steps: packageFlows.steps })
    .from(packageFlows)
    .where(and(eq(packageFlows.tenantId, tx.tenantId), eq(packageFlows.packageId, pkg.id)))
    .orderBy(asc(packageFlows.name));
  return { ...pkg, flows };
}

/** Removes a package and (by the foreign key's cascade) its snapshots; the flow versions its deploys made stay. */
export async function deletePackage(tx: TenantTx, packageId: string): Promise<void> {
  await tx.delete(packages).where(and(eq(packages.tenantId, tx.tenantId), eq(packages.id, packageId)));
}

/** Each flow's newest version number in an environment (flows without a version are missing from the map). */
export async function latestVersionsOf(tx: TenantTx, environment: Environment, flowIds: string[]) {
  if (!flowIds.length) return new Map<string, number>();
  const rows = await tx
    .select({ flowId: flowVersions.flowId, version: max(flowVersions.version) })
    .from(flowVersions)
    .where(and(eq(flowVersions.tenantId, tx.tenantId), eq(flowVersions.environment, environment), inArray(flowVersions.flowId, flowIds)))
    .groupBy(flowVersions.flowId);
  return new Map(rows.map((row) => [row.flowId, row.version ?? 0]));
}
