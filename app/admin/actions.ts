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
import { lockTenant } from "@/db/queries/tenants";
import { platformAction } from "@/lib/actions/platform-action";
import { requireRow } from "@/lib/actions/require-row";
import { LICENSE_KEYS, licenseOf } from "@/lib/licenses";
import { MAX_FLOW_CAP, idInput, wholeNumberInput } from "./inputs";

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
