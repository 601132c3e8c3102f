// "Default group for new single sign-on users" as both single sign-on forms save it (SAML: ./actions.ts,
// OpenID Connect: ./oidc-actions.ts). Checked in the save's own transaction, under the tenant lock the
// group actions also take: a custom group must be one of this tenant's groups now (another tenant's id,
// or a deleted group's, reads as no group: the same message, revealing nothing), and neither Admin nor
// a group with Admin permissions is accepted (lib/sso/sso-default-group.ts says why).
import "server-only";
import { findGroup } from "@/db/queries/groups";
import type { SsoDefaultRole } from "@/db/schema/sso-default-group";
import type { TenantTx } from "@/db/scopes";
import { ROLE_LABELS } from "@/lib/permissions";
import { ADMIN_DEFAULT_REFUSED, adminOnlyPermissionsOf, customGroupRefused, GROUP_CHOICE_PREFIX, parseSsoDefaultChoice } from "@/lib/sso/sso-default-group";

export interface SsoDefaultSetting {
  defaultRole: SsoDefaultRole;
  defaultGroupId: string | null;
  /** The group's name, for the activity entry. */
  label: string;
}

const NO_SUCH_GROUP = "Choose Viewer, Editor or one of this tenant's custom groups.";

/** The default group named in the form (`defaultGroup`); field errors go into `fieldErrors`. */
export async function readSsoDefaultGroup(tx: TenantTx, value: string, fieldErrors: Record<string, string[]>): Promise<SsoDefaultSetting> {
  const viewer: SsoDefaultSetting = { defaultRole: "viewer", defaultGroupId: null, label: ROLE_LABELS.viewer };
  const choice = parseSsoDefaultChoice(value);
  if (choice.kind === "invalid") {
    fieldErrors.defaultGroup = [NO_SUCH_GROUP];
    return viewer;
  }
  if (choice.kind === "role") {
    if (choice.role === "admin") {
      fieldErrors.defaultGroup = [ADMIN_DEFAULT_REFUSED];
      return viewer;
    }
    return { defaultRole: choice.role, defaultGroupId: null, label: ROLE_LABELS[choice.role] };
  }
  const group = await findGroup(tx, choice.groupId);
  if (!group) {
    fieldErrors.defaultGroup = [NO_SUCH_GROUP];
    return viewer;
  }
  if (adminOnlyPermissionsOf(group.permissions).length) {
    fieldErrors.defaultGroup = [customGroupRefused(group.name, group.permissions)];
    return viewer;
  }
  // Under a custom group default_role stays Viewer: what remains if the group is deleted.
  return { defaultRole: "viewer", defaultGroupId: group.id, label: group.name };
}

/** The stored columns as the form's value. */
export const ssoDefaultGroupValue = (config: { defaultRole: SsoDefaultRole; defaultGroupId: string | null } | null) =>
  config?.defaultGroupId ? `${GROUP_CHOICE_PREFIX}${config.defaultGroupId}` : (config?.defaultRole ?? "viewer");
