"use server";

// Packages (issue 16; packages.manage, so Admins, behind the tenant's package allow-list): make one from
// chosen flows of an environment, deploy one into another environment of this tenant, or into a tenant
// where the caller is Admin; or delete one. A package id of another tenant, or a malformed one, is simply not found.
import { z } from "zod";
import { findFlow } from "@/db/queries/flows";
import { appendFlowVersion } from "@/db/queries/flow-versions";
import { deletePackage as removePackage, findPackage, insertPackage, latestVersionsOf, type PackagedFlow } from "@/db/queries/packages";
import { failure } from "@/lib/action-result";
import { getActor, getTenantSessionUser } from "@/lib/actor";
import { committed, refreshPages } from "@/lib/actions/after-commit";
import { ActionError, NOT_FOUND_MESSAGE, SIGNED_OUT_MESSAGE, parseInput, registerAction, settle } from "@/lib/actions/core";
import { requireRow } from "@/lib/actions/require-row";
import { tenantAction } from "@/lib/actions/tenant-action";
import { withUniqueName } from "@/lib/actions/unique-name";
import { actingUserId } from "@/lib/caller";
import { clientIp } from "@/lib/client-ip";
import { ENVIRONMENT_LABELS, ENVIRONMENTS } from "@/lib/flows/environments";
import { FlowIdInput } from "@/lib/flows/flow-input";
import { deployFlows } from "@/lib/packages/deploy";
import { DEPLOY_TO_TENANT_ACTION, deployPackageToTenant as deployAcrossTenants } from "@/lib/packages/deploy-to-tenant";

const PackageNameInput = z.string({ error: "Enter a name for the package." }).trim().min(1, "Enter a name for the package.").max(80, "Use at most 80 characters.");
const EnvironmentChoice = z.enum(ENVIRONMENTS, { error: "Choose Development, Staging or Production." });
/** The flow checkboxes all share the name "flowIds". */
const FlowIdsInput = z.preprocess(
  (value) => (Array.isArray(value) ? value : value === undefined ? [] : [value]),
  z.array(FlowIdInput).min(1, "Choose at least one flow.").max(100, "A package holds at most 100 flows."),
);
const PackageIdInput = z.string().max(100);

export const createPackage = tenantAction({
  name: "package.create",
  permission: "packages.manage",
  input: z.object({ name: PackageNameInput, environment: EnvironmentChoice, flowIds: FlowIdsInput }),
  async run({ tx, actor, input }) {
    const flowIds = [...new Set(input.flowIds)];
    const chosen = [];
    for (const flowId of flowIds) chosen.push(await requireRow(flowId, (id) => findFlow(tx, id, { environment: input.environment, lock: "share" })));
    const versions = await latestVersionsOf(tx, input.environment, flowIds);
    const contents: PackagedFlow[] = [];
    for (const flow of chosen) {
      // A flow with no version yet (written before versions, outside the actions) gets one now, so the
      // package names a version its history holds.
      const version = versions.get(flow.id) ?? (await appendFlowVersion(tx, { environment: flow.environment, flowId: flow.id, name: flow.name, steps: flow.steps, reason: "saved", createdBy: actingUserId(actor) })).version;
      contents.push({ flowId: flow.id, version, name: flow.name, steps: flow.steps });
    }
    const pkg = await withUniqueName("packages_tenant_name", "A package with this name already exists in this tenant.", () =>
      insertPackage(tx, { name: input.name, environment: input.environment, createdBy: actingUserId(actor) }, contents),
    );
    return {
      data: { id: pkg.id, name: pkg.name },
      activity: {
        action: "package.created",
        targetType: "package",
        targetId: pkg.id,
        summary: `${actor.user.email} made the package ${pkg.name} of ${contents.length} flows from ${ENVIRONMENT_LABELS[input.environment]}`,
        details: { name: pkg.name, environment: input.environment, flows: contents.map(({ flowId, version }) => ({ flowId, version })) },
      },
    };
  },
});

/** Into another environment (or the same one, to put a package's state back) of this tenant. */
export const deployPackage = tenantAction({
  name: "package.deploy",
  permission: "packages.manage",
  lockTenant: true,
  input: z.object({ packageId: PackageIdInput, environment: EnvironmentChoice }),
  async run({ tx, actor, input, tenant }) {
    const pkg = await requireRow(input.packageId, (id) => findPackage(tx, id));
    const outcome = await deployFlows(tx, { environment: input.environment, packageId: pkg.id, flows: pkg.flows, deployedBy: actingUserId(actor), tenant });
    const counts = `${outcome.created.length} created, ${outcome.overwritten.length} overwritten`;
    return {
      data: { id: pkg.id, ...outcome },
      message: `Deployed ${pkg.name} to ${ENVIRONMENT_LABELS[input.environment]}: ${counts}.`,
      activity: {
        action: "package.deployed",
        targetType: "package",
        targetId: pkg.id,
        summary: `${actor.user.email} deployed the package ${pkg.name} from ${ENVIRONMENT_LABELS[pkg.environment]} to ${ENVIRONMENT_LABELS[input.environment]}: ${counts}`,
        details: { packageName: pkg.name, from: pkg.environment, environment: input.environment, ...outcome },
      },
    };
  },
});

/** Removes a package (it can no longer be deployed); the flows and versions its deploys made stay. */
export const deletePackage = tenantAction({
  name: "package.delete",
  permission: "packages.manage",
  input: z.object({ packageId: PackageIdInput }),
  async run({ tx, actor, input }) {
    const pkg = await requireRow(input.packageId, (id) => findPackage(tx, id));
    await removePackage(tx, pkg.id);
    return {
      data: { id: pkg.id },
      message: `Deleted the package ${pkg.name}.`,
      activity: {
        action: "package.deleted",
        targetType: "package",
        targetId: pkg.id,
        summary: `${actor.user.email} deleted the package ${pkg.name} (${pkg.flows.length} flows from ${ENVIRONMENT_LABELS[pkg.environment]})`,
        details: { name: pkg.name, environment: pkg.environment, flows: pkg.flows.map(({ flowId, version }) => ({ flowId, version })) },
      },
    };
  },
});

registerAction(DEPLOY_TO_TENANT_ACTION, { scope: "tenant", permission: "packages.manage" });
const DeployToTenantInput = z.object({
  packageId: PackageIdInput,
  environment: EnvironmentChoice,
  targetTenant: z.string({ error: "Enter the target tenant's slug." }).trim().min(1, "Enter the target tenant's slug.").max(100, "No tenant by that slug."),
});
const NO_TARGET = "No tenant by that slug where you may deploy.";

/** Into an environment of another tenant (by slug) where the caller is Admin. */
export async function deployPackageToTenant(slug: string, _previous: unknown, rawInput: FormData | Record<string, unknown>) {
  const parsed = parseInput(DeployToTenantInput, rawInput);
  if (!parsed.ok) return parsed.result;
  if (!(await getTenantSessionUser())) return failure("UNAUTHENTICATED", SIGNED_OUT_MESSAGE);
  const input = parsed.input;
  const result = await settle(DEPLOY_TO_TENANT_ACTION, async () => {
    const source = typeof slug === "string" ? await getActor(slug) : null;
    if (!source) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
    // A tenant the caller is not in answers like one that does not exist.
    const target = await getActor(input.targetTenant.toLowerCase());
    if (!target) throw new ActionError("NOT_FOUND", NO_TARGET, { targetTenant: [NO_TARGET] });
    if (target.tenant.id === source.tenant.id) {
      throw new ActionError("VALIDATION", "Choose another tenant.", { targetTenant: ["This is the package's own tenant: deploy to one of its environments instead."] });
    }
    const outcome = await deployAcrossTenants(source, target, await clientIp(), { packageId: input.packageId, environment: input.environment });
    return { outcome, slugs: [source.tenant.slug, target.tenant.slug] };
  });
  if (!result.ok) return result;
  for (const refreshed of result.data.slugs) refreshPages(`/t/${refreshed}`);
  const { outcome } = result.data;
  return committed(outcome, `Deployed ${outcome.packageName} to ${ENVIRONMENT_LABELS[input.environment]} of ${input.targetTenant}: ${outcome.created.length} created, ${outcome.overwritten.length} overwritten.`);
}
