"use server";

// "Archive tenant" and "Restore tenant" in Settings (tenant Admins, and superadmins visiting). Both
// lock the tenant row, so an archive and any change waiting on the lock are ordered. Restoring is the
// one tenant action allowed while the tenant is archived (`allowedWhileArchived`).
import { z } from "zod";
import { tenantAction, type TenantActionOutcome } from "@/lib/actions/tenant-action";
import { ARCHIVED_SUMMARY, RESTORED_SUMMARY, archiveTenantIn, restoreTenantIn } from "@/lib/tenant-archive/archive-change";
import type { Actor } from "@/lib/actor";

const NoInput = z.object({});

/** The change's entry in the tenant's log, and in the platform log when a superadmin made it (as their /admin changes are). */
function archiveOutcome(actor: Actor, action: "tenant.archived" | "tenant.restored", summary: string, message: string): TenantActionOutcome<null> {
  const activity = { action, targetType: "tenant", targetId: actor.tenant.id, summary, details: { tenantName: actor.tenant.name } };
  return {
    data: null,
    activity,
    message,
    ...(actor.viaSuperadmin ? { platformActivity: { ...activity, subjectTenantId: actor.tenant.id, tenantName: actor.tenant.name } } : {}),
  };
}

export const archiveTenant = tenantAction({
  name: "tenant.archive",
  permission: "tenant.delete",
  lockTenant: true,
  input: NoInput,
  async run({ tx, actor, tenant }) {
    // An archived tenant never gets here: the write core refuses every action but Restore with ARCHIVED.
    await archiveTenantIn(tx, tenant);
    return archiveOutcome(actor, "tenant.archived", ARCHIVED_SUMMARY(actor.user.email, tenant.name), `${tenant.name} is archived.`);
  },
});

export const restoreTenant = tenantAction({
  name: "tenant.restore",
  permission: "tenant.delete",
  lockTenant: true,
  allowedWhileArchived: true,
  input: NoInput,
  async run({ tx, actor, tenant }) {
    if (!(await restoreTenantIn(tx, tenant))) return { data: null, activity: null, message: `${tenant.name} is not archived.` };
    return archiveOutcome(actor, "tenant.restored", RESTORED_SUMMARY(actor.user.email, tenant.name), `${tenant.name} is restored.`);
  },
});
