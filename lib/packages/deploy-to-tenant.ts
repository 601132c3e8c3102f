// A package deployed into another tenant (issue 16). Row-level security applies to each tenant in turn,
// never bypassed: the package is read in the source tenant's scope (the caller authorized there, the
// source's package allow-list), the flows are written in the target tenant's scope (the caller
// authorized as they are there now: packages.manage, so Admin; the target's package allow-list), and
// the source's log gets its entry last. A refusal in the target leaves nothing written in either.
// Three transactions, one after another (one connection may hold only one at a time on the embedded
// engine): should the last one fail after the target committed, the target's log still records the deploy.
import "server-only";
import { findPackage } from "@/db/queries/packages";
import type { Environment } from "@/db/schema";
import { actingUserId, type Actor } from "@/lib/caller";
import { ENVIRONMENT_LABELS } from "@/lib/flows/environments";
import { ActionError, NOT_FOUND_MESSAGE } from "@/lib/actions/core";
import { inTenantTransaction } from "@/lib/actions/tenant-transaction";
import { deployFlows, type DeployOutcome } from "./deploy";

export const DEPLOY_TO_TENANT_ACTION = "package.deploy_to_tenant";
const options = { permission: "packages.manage", name: DEPLOY_TO_TENANT_ACTION } as const;

export async function deployPackageToTenant(
  source: Actor,
  target: Actor,
  ip: string | null,
  deploy: { packageId: string; environment: Environment },
): Promise<DeployOutcome & { packageName: string }> {
  const pkg = await inTenantTransaction({ actor: source, ip }, options, ({ tx }) => findPackage(tx, deploy.packageId));
  if (!pkg) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
  const where = `${ENVIRONMENT_LABELS[deploy.environment]} of ${target.tenant.name}`;
  const details = { packageId: pkg.id, packageName: pkg.name, environment: deploy.environment, flowIds: pkg.flows.map((flow) => flow.flowId) };

  const outcome = await inTenantTransaction({ actor: target, ip }, { ...options, lockTenant: true, writes: true }, async ({ tx, actor, tenant, record }) => {
    const done = await deployFlows(tx, { environment: deploy.environment, packageId: pkg.id, flows: pkg.flows, deployedBy: actingUserId(actor), tenant });
    await record({
      action: "package.deployed_from_tenant",
      targetType: "package",
      targetId: pkg.id,
      summary: `${actor.user.email} deployed the package ${pkg.name} from ${source.tenant.name} into ${ENVIRONMENT_LABELS[deploy.environment]}: ${done.created.length} created, ${done.overwritten.length} overwritten`,
      details: { ...details, sourceTenantId: source.tenant.id, ...done },
    });
    return done;
  });

  await inTenantTransaction({ actor: source, ip }, options, ({ actor, record }) =>
    record({
      action: "package.deployed_to_tenant",
      targetType: "package",
      targetId: pkg.id,
      summary: `${actor.user.email} deployed the package ${pkg.name} into ${where}: ${outcome.created.length} created, ${outcome.overwritten.length} overwritten`,
      details: { ...details, targetTenantId: target.tenant.id, ...outcome },
    }),
  );
  return { ...outcome, packageName: pkg.name };
}
