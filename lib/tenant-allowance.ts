// Who may create a tenant: users whose "can create tenants" flag a superadmin switched on, while they
// own fewer tenants than their tenant limit. The page says so before anyone types; the action
// checks again under a lock on the user's row.
export interface TenantCreationAllowance {
  canCreateTenants: boolean;
  tenantLimit: number;
  owned: number;
}

/** Why the user cannot create a tenant now, or null when they can. */
export function tenantCreationRefusal({ canCreateTenants, tenantLimit, owned }: TenantCreationAllowance): string | null {
  if (!canCreateTenants) {
    return "Your account is not allowed to create tenants. A platform superadmin can allow it.";
  }
  if (owned >= tenantLimit) {
    const plural = (n: number) => `${n} tenant${n === 1 ? "" : "s"}`;
    return `You already own ${plural(owned)}, and your limit is ${plural(tenantLimit)}. Delete one you own, or ask a platform superadmin to raise your limit.`;
  }
  return null;
}
