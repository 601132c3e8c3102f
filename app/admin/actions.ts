"use server";

// Superadmin changes to a tenant's plan. Each locks the tenant row (flow creation locks it too, so a
// lowered cap applies to the very next create), writes the platform log, and writes into the
// tenant's own log through platform.enterTenant.
//
// License and flow cap: choosing a license sets the flow cap to that license's default; a cap set
// afterwards overrides it until the license changes again.
import { z } from "zod";
import type { Tx } from "@/db/scopes";
import { readIpAllowLists, replaceIpAllowLists } from "@/db/queries/ip-allow-lists";
import { updateTenantPlan } from "@/db/queries/platform-tenants";
import { getPlatformSettings, setPlatformApiLimit, updateTenantLimits } from "@/db/queries/platform-settings";
import { lockTenant } from "@/db/queries/tenants";
import { platformAction } from "@/lib/actions/platform-action";
import { requireRow } from "@/lib/actions/require-row";
import { LICENSE_KEYS, licenseOf } from "@/lib/licenses";
import { MAX_API_REQUESTS_PER_MINUTE, MAX_FLOW_CAP, MAX_FLOW_RUNS_PER_30_DAYS, idInput, limitInput, wholeNumberInput } from "./inputs";

const requireTenant = (tx: Tx, tenantId: string) => requireRow(tenantId, (id) => lockTenant(tx, id));

export const setTenantLicense = platformAction({
  name: "tenant.license_set",
  input: z.object({ tenantId: idInput, license: z.enum(LICENSE_KEYS, { error: "Choose a license from the list." }) }),
  async run({ tx, platform, input }) {
    const tenant = await requireTenant(tx, input.tenantId);
    const [from, to] = [licenseOf(tenant.license), licenseOf(input.license)];
    await updateTenantPlan(tx, tenant.id, { license: input.license, flowCap: to.flowCap });
    const change = `license ${from.label} → ${to.label}, flow cap ${tenant.flowCap} → ${to.flowCap}`;
    await platform.enterTenant(tenant.id, `A superadmin changed the ${change}`);
    return {
      data: { license: input.license, flowCap: to.flowCap },
      activity: {
        action: "tenant.license_set",
        targetType: "tenant",
        targetId: tenant.id,
        subjectTenantId: tenant.id,
        tenantName: tenant.name,
        summary: `Changed ${tenant.name}'s ${change}`,
        details: { from: tenant.license, to: input.license, flowCap: { from: tenant.flowCap, to: to.flowCap } },
      },
    };
  },
});

export const setTenantFlowCap = platformAction({
  name: "tenant.flow_cap_set",
  input: z.object({ tenantId: idInput, flowCap: wholeNumberInput(MAX_FLOW_CAP) }),
  async run({ tx, platform, input }) {
    const tenant = await requireTenant(tx, input.tenantId);
    await updateTenantPlan(tx, tenant.id, { flowCap: input.flowCap });
    // Lowering the cap below the current count keeps every flow; only new ones are refused.
    const change = `flow cap ${tenant.flowCap} → ${input.flowCap}`;
    await platform.enterTenant(tenant.id, `A superadmin changed the ${change} (${tenant.flowCount} flows exist)`);
    return {
      data: { flowCap: input.flowCap },
      activity: {
        action: "tenant.flow_cap_set",
        targetType: "tenant",
        targetId: tenant.id,
        subjectTenantId: tenant.id,
        tenantName: tenant.name,
        summary: `Changed ${tenant.name}'s ${change}`,
        details: { from: tenant.flowCap, to: input.flowCap, flowCount: tenant.flowCount },
      },
    };
  },
});

/**
 * The way back in for a tenant whose IP allow-lists shut its Admins out: a superadmin clears every
 * list (each kind open again), recorded in the platform log and the tenant's own.
 */
export const clearTenantIpAllowLists = platformAction({
  name: "tenant.ip_allow_lists_cleared",
  input: z.object({ tenantId: idInput }),
  async run({ tx, platform, input }) {
    const tenant = await requireTenant(tx, input.tenantId);
    const tenantTx = await platform.enterTenant(tenant.id, "A superadmin cleared the IP allow-lists");
    const before = await readIpAllowLists(tenantTx);
    await replaceIpAllowLists(tenantTx, {});
    return {
      data: null,
      activity: {
        action: "tenant.ip_allow_lists_cleared",
        targetType: "tenant",
        targetId: tenant.id,
        subjectTenantId: tenant.id,
        tenantName: tenant.name,
        summary: `Cleared ${tenant.name}'s IP allow-lists`,
        details: { before },
      },
    };
  },
});

// Limits (issue 13, item 4): a tenant's API requests per minute and 30-day flow-run quota, and the API
// requests per minute all tenants share. An empty field is no limit. A tenant's limit locks the
// tenant row and is written into the tenant's own log too (platform.enterTenant); the shared limit
// is the platform's alone and goes to the platform log.

const shown = (limit: number | null) => (limit === null ? "no limit" : limit.toLocaleString("en-US"));

/** One tenant limit's action: the column it sets, how its change reads, and the action's name. */
function tenantLimitAction(definition: {
  name: string;
  field: "apiRequestsPerMinute" | "flowRunsPer30Days";
  min: number;
  max: number;
  what: string;
}) {
  return platformAction({
    name: definition.name,
    input: z.object({ tenantId: idInput, [definition.field]: limitInput(definition.min, definition.max) }),
    async run({ tx, platform, input }) {
      const { tenantId, [definition.field]: to = null } = input as { tenantId: string } & Record<string, number | null>;
      const tenant = await requireTenant(tx, tenantId);
      const from = tenant[definition.field];
      await updateTenantLimits(tx, tenant.id, { [definition.field]: to });
      const change = `${definition.what} ${shown(from)} → ${shown(to)}`;
      await platform.enterTenant(tenant.id, `A superadmin changed the ${change}`);
      return {
        data: { [definition.field]: to },
        activity: {
          action: definition.name,
          targetType: "tenant",
          targetId: tenant.id,
          subjectTenantId: tenant.id,
          tenantName: tenant.name,
          summary: `Changed ${tenant.name}'s ${change}`,
          details: { from, to },
        },
      };
    },
  });
}

export const setTenantApiLimit = tenantLimitAction({
  name: "tenant.api_limit_set",
  field: "apiRequestsPerMinute",
  min: 1,
  max: MAX_API_REQUESTS_PER_MINUTE,
  what: "API requests per minute",
});

export const setTenantFlowRunQuota = tenantLimitAction({
  name: "tenant.flow_run_quota_set",
  field: "flowRunsPer30Days",
  min: 0,
  max: MAX_FLOW_RUNS_PER_30_DAYS,
  what: "flow runs per 30 days",
});

export const setPlatformApiLimitAction = platformAction({
  name: "platform.api_limit_set",
  input: z.object({ apiRequestsPerMinute: limitInput(1, MAX_API_REQUESTS_PER_MINUTE) }),
  async run({ tx, input }) {
    const { apiRequestsPerMinute: from } = await getPlatformSettings(tx, { lock: true });
    await setPlatformApiLimit(tx, input.apiRequestsPerMinute);
    return {
      data: { apiRequestsPerMinute: input.apiRequestsPerMinute },
      activity: {
        action: "platform.api_limit_set",
        summary: `Changed the platform-wide API requests per minute ${shown(from)} → ${shown(input.apiRequestsPerMinute)}`,
        details: { from, to: input.apiRequestsPerMinute },
      },
    };
  },
});
