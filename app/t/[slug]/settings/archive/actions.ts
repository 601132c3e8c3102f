"use server";

// "Archive tenant" and "Restore tenant" in Settings (tenant Admins, and superadmins visiting). Both
// lock the tenant row, so an archive and any change waiting on the lock are ordered. Restoring is the
// one tenant action allowed while the tenant is archived (`allowedWhileArchived`); archiving never
// runs in an archived tenant (the write core refuses it with ARCHIVED first).
import { z } from "zod";
import { tenantAction } from "@/lib/actions/tenant-action";
import { ARCHIVED_SUMMARY, RESTORED_SUMMARY, archiveTenantIn, restoreTenantIn } from "@/lib/tenant-archive/archive-change";

const CHANGES = {
  "tenant.archive": { entry: "tenant.archived", change: archiveTenantIn, summary: ARCHIVED_SUMMARY, done: "archived" },
  "tenant.restore": { entry: "tenant.restored", change: restoreTenantIn, summary: RESTORED_SUMMARY, done: "restored" },
} as const;

/** One of the two: its entry in the tenant's log, and in the platform log when a superadmin made it (as their /admin changes are). */
function archiveChange(name: keyof typeof CHANGES) {
  const { entry, change, summary, done } = CHANGES[name];
  return tenantAction({
    name,
    permission: "tenant.delete",
    lockTenant: true,
    ...(name === "tenant.restore" ? { allowedWhileArchived: true as const } : {}),
    input: z.object({}),
    async run({ tx, actor, tenant }) {
      if (!(await change(tx, tenant))) return { data: null, activity: null, message: `${tenant.name} is ${done === "restored" ? "not archived" : "already archived"}.` };
      const activity = { action: entry, targetType: "tenant", targetId: tenant.id, summary: summary(actor.user.email, tenant.name), details: { tenantName: tenant.name } };
      const platformActivity = actor.viaSuperadmin ? { ...activity, subjectTenantId: tenant.id, tenantName: tenant.name } : undefined;
      return { data: null, activity, platformActivity, message: `${tenant.name} is ${done}.` };
    },
  });
}

export const archiveTenant = archiveChange("tenant.archive");
export const restoreTenant = archiveChange("tenant.restore");
