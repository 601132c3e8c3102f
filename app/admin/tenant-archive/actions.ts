"use server";

// A superadmin archives or restores a tenant from /admin (issue 14, item 5): the tenant row locked,
// the change in the platform log (the wrapper) and in the tenant's own log (the visit through
// platform.enterTenant, then the same "tenant.archived" / "tenant.restored" entry an Admin's change writes).
import { z } from "zod";
import { recordActivity } from "@/db/queries/activity/tenant-log";
import { lockTenant } from "@/db/queries/tenants";
import type { Tx } from "@/db/scopes";
import { ActionError } from "@/lib/actions/core";
import { platformAction } from "@/lib/actions/platform-action";
import { requireRow } from "@/lib/actions/require-row";
import { ARCHIVED_SUMMARY, RESTORED_SUMMARY, archiveTenantIn, restoreTenantIn } from "@/lib/tenant-archive/archive-change";
import { idInput } from "../inputs";

const requireTenant = (tx: Tx, tenantId: string) => requireRow(tenantId, (id) => lockTenant(tx, id));

function archiveAction(name: "tenant.archived" | "tenant.restored") {
  const archiving = name === "tenant.archived";
  return platformAction({
    name,
    input: z.object({ tenantId: idInput }),
    async run({ tx, superadmin, platform, input, ip }) {
      const tenant = await requireTenant(tx, input.tenantId);
      // In the tenant's scope: archiving deactivates its connections (row-level security applies).
      const tenantTx = await platform.enterTenant(tenant.id, `A superadmin ${archiving ? "archived" : "restored"} the tenant`);
      const changed = archiving ? await archiveTenantIn(tenantTx, tenant) : await restoreTenantIn(tenantTx, tenant);
      if (!changed) throw new ActionError("CONFLICT", `${tenant.name} is ${archiving ? "already archived" : "not archived"}.`);
      const summary = (archiving ? ARCHIVED_SUMMARY : RESTORED_SUMMARY)(superadmin.email, tenant.name);
      const entry = { action: name, targetType: "tenant", targetId: tenant.id, summary: `${summary} (as superadmin)`, details: { tenantName: tenant.name, viaSuperadmin: true } };
      await recordActivity(tenantTx, { ...entry, actorUserId: superadmin.id, actorEmail: superadmin.email, ip });
      return { data: null, activity: { ...entry, summary, subjectTenantId: tenant.id, tenantName: tenant.name } };
    },
  });
}

export const archiveTenantAsSuperadmin = archiveAction("tenant.archived");
export const restoreTenantAsSuperadmin = archiveAction("tenant.restored");
