"use server";

// Settings, section "Client access": "Viewers see dashboards only" (issue 14, item 4). What it hides,
// and from whom, is decided in one place, where permissions are computed (lib/permissions.ts); this
// only stores the switch, with the tenant row locked so the entry's before/after is exact.
import { z } from "zod";
import { updateTenantSettings } from "@/db/queries/tenants";
import { tenantAction } from "@/lib/actions/tenant-action";

export const setViewersSeeDashboardsOnly = tenantAction({
  name: "tenant.client_access.update",
  permission: "settings.manage",
  lockTenant: true,
  input: z.object({ viewersSeeDashboardsOnly: z.stringbool().or(z.boolean()) }),
  async run({ tx, actor, input, tenant: current }) {
    const next = input.viewersSeeDashboardsOnly;
    if (current.viewersSeeDashboardsOnly === next) return { data: null, activity: null };
    await updateTenantSettings(tx, { viewersSeeDashboardsOnly: next });
    return {
      data: null,
      activity: {
        action: "tenant.client_access_updated",
        targetType: "tenant",
        targetId: actor.tenant.id,
        summary: `${actor.user.email} switched "Viewers see dashboards only" ${next ? "on" : "off"}`,
        details: { before: { viewersSeeDashboardsOnly: current.viewersSeeDashboardsOnly }, after: { viewersSeeDashboardsOnly: next } },
      },
    };
  },
});
