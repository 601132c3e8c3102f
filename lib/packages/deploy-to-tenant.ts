// A package deployed into another tenant (issue 16), in ONE transaction that changes scope twice
// (enterTenant, as the sign-in entry does): in the source tenant's scope the caller is authorized
// (packages.manage, the source's package allow-list) and the package read; in the target tenant's scope
// the caller is authorized as they are there now (packages.manage, so Admin; the target's package
// allow-list), the flows written and the target's log entry made; back in the source's scope, the
// source's log entry. Each statement runs under the row-level security of the tenant whose scope is
// set, so neither tenant's rows are ever reachable from the other's scope, and both sides commit or
// neither does: no state where one log records a deploy the other does not (the gap three separate
// transactions had when the last one failed). A refusal on either side leaves nothing written in either,
// and an IP refusal is logged in the tenant whose list refused.
import "server-only";
import { findPackage } from "@/db/queries/packages";
import type { Environment } from "@/db/schema";
import { enterTenant, withTenant } from "@/db/scopes";
import { actingUserId, type Actor } from "@/lib/caller";
import { ENVIRONMENT_LABELS } from "@/lib/flows/environments";
import { ActionError, NOT_FOUND_MESSAGE } from "@/lib/actions/core";
import { withIpRefusalsLogged } from "@/lib/actions/ip-allow-check";
import { authorizeTenantWork, refusalOf } from "@/lib/actions/tenant-transaction";
import { deployFlows, type DeployOutcome } from "./deploy";

export const DEPLOY_TO_TENANT_ACTION = "package.deploy_to_tenant";
const options = { permission: "packages.manage", name: DEPLOY_TO_TENANT_ACTION } as const;

const scopeOf = (actor: Actor) => ({ tenantId: actor.tenant.id, userId: actingUserId(actor) });

export async function deployPackageToTenant(
  source: Actor,
  target: Actor,
  ip: string | null,
  deploy: { packageId: string; environment: Environment },
): Promise<DeployOutcome & { packageName: string }> {
  const [asSource, asTarget] = [{ actor: source, ip }, { actor: target, ip }];
  const inBoth = () =>
    withTenant(scopeOf(source), async (sourceTx) => {
      const fromSource = await authorizeTenantWork(sourceTx, asSource, options);
      const pkg = await findPackage(fromSource.tx, deploy.packageId);
      if (!pkg) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
      const details = { packageId: pkg.id, packageName: pkg.name, environment: deploy.environment, flowIds: pkg.flows.map((flow) => flow.flowId) };

      const intoTarget = await authorizeTenantWork(await enterTenant(sourceTx, scopeOf(target)), asTarget, { ...options, lockTenant: true, writes: true });
      const outcome = await deployFlows(intoTarget.tx, { environment: deploy.environment, packageId: pkg.id, flows: pkg.flows, deployedBy: actingUserId(intoTarget.actor), tenant: intoTarget.tenant });
      await intoTarget.record({
        action: "package.deployed_from_tenant",
        targetType: "package",
        targetId: pkg.id,
        summary: `${intoTarget.actor.user.email} deployed the package ${pkg.name} from ${source.tenant.name} into ${ENVIRONMENT_LABELS[deploy.environment]}: ${outcome.created.length} created, ${outcome.overwritten.length} overwritten`,
        details: { ...details, sourceTenantId: source.tenant.id, ...outcome },
      });

      // Back in the source's scope (its row-level security again) for its own entry.
      await enterTenant(intoTarget.tx, scopeOf(source));
      await fromSource.record({
        action: "package.deployed_to_tenant",
        targetType: "package",
        targetId: pkg.id,
        summary: `${fromSource.actor.user.email} deployed the package ${pkg.name} into ${ENVIRONMENT_LABELS[deploy.environment]} of ${target.tenant.name}: ${outcome.created.length} created, ${outcome.overwritten.length} overwritten`,
        details: { ...details, targetTenantId: target.tenant.id, ...outcome },
      });
      return { ...outcome, packageName: pkg.name };
    });
  // Each side's refusals in its own log (the refused work rolled back in both).
  return withIpRefusalsLogged(refusalOf(asSource, options), () => withIpRefusalsLogged(refusalOf(asTarget, options), inBoth));
}
