// The tenant's "Default group for new single sign-on users", read from whichever identity provider row
// it has (saml_configs or oidc_configs: one at most), with the chosen custom group's name and
// permissions (lib/sso/sso-default-group.ts decides what a new account joins as).
import { and, eq } from "drizzle-orm";
import { oidcConfigs, samlConfigs, tenantGroups } from "../schema";
import type { SsoDefaultRole } from "../schema/sso-default-group";
import type { TenantTx } from "../scopes";

export interface StoredSsoDefault {
  defaultRole: SsoDefaultRole;
  group: { id: string; name: string; permissions: string[] } | null;
}

export async function findSsoDefault(tx: TenantTx): Promise<StoredSsoDefault | null> {
  for (const table of [samlConfigs, oidcConfigs]) {
    const [row] = await tx
      .select({ defaultRole: table.defaultRole, groupId: tenantGroups.id, groupName: tenantGroups.name, permissions: tenantGroups.permissions })
      .from(table)
      .leftJoin(tenantGroups, and(eq(tenantGroups.tenantId, table.tenantId), eq(tenantGroups.id, table.defaultGroupId)))
      .where(eq(table.tenantId, tx.tenantId));
    if (row) {
      const group = row.groupId ? { id: row.groupId, name: row.groupName!, permissions: row.permissions! } : null;
      return { defaultRole: row.defaultRole, group };
    }
  }
  return null;
}
