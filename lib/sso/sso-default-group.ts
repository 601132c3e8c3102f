// "Default group for new single sign-on users" (issue 16, item 1): what the settings forms offer and
// accept (app/t/[slug]/settings/sso/), and what a new account joins as on its first sign-in
// (lib/sso/sso-sign-in.ts). Admin is never a default, nor a custom group holding any permission only
// Admins have: the identity provider would hand the tenant's management to anyone it vouches for.
import type { SsoDefaultRole } from "@/db/schema/sso-default-group";
import type { StoredSsoDefault } from "@/db/queries/sso-default-group";
import { PERMISSION_CATALOG } from "../permission-catalog";
import { permissionsOfRole, ROLE_LABELS, type Permission } from "../permissions";

/** The form's value for a custom group: `group:<id>`; the built-in ones are their role. */
export const GROUP_CHOICE_PREFIX = "group:";

export const ADMIN_DEFAULT_REFUSED =
  "Admin cannot be the default group: everyone your identity provider signs in for the first time would manage this tenant. Choose Viewer, Editor or a custom group, and make Admins on the Members page.";

const EDITOR_PERMISSIONS: readonly string[] = permissionsOfRole("editor");
/** The permissions only Admins hold (members, settings, API keys...), in the catalog's order. */
export const ADMIN_ONLY_PERMISSIONS: readonly Permission[] = permissionsOfRole("admin").filter((permission) => !EDITOR_PERMISSIONS.includes(permission));

export const adminOnlyPermissionsOf = (permissions: readonly string[]) => ADMIN_ONLY_PERMISSIONS.filter((permission) => permissions.includes(permission));

/** "Manage members, Manage settings": the Admin-only permissions among these, as their checkboxes name them. */
const adminOnlyLabels = (permissions: readonly string[]) => adminOnlyPermissionsOf(permissions).map((permission) => PERMISSION_CATALOG[permission].label).join(", ");

export const customGroupRefused = (name: string, permissions: readonly string[]) =>
  `${name} cannot be the default group: it holds permissions only Admins have (${adminOnlyLabels(permissions)}), which everyone your identity provider signs in would get.`;

/** The Groups page's refusal to give the default group such a permission (app/t/[slug]/groups/actions/set-group-permissions.ts). */
export const defaultGroupKeepsNoAdminPermissions = (name: string, permissions: readonly string[]) =>
  `${name} is the default group for new single sign-on users, so it cannot hold permissions only Admins have (${adminOnlyLabels(permissions)}): everyone the identity provider signs in would get them. Choose another default group in Settings first.`;

/** What a form value asks for, before it is checked against the tenant's groups. */
export type SsoDefaultChoice = { kind: "role"; role: SsoDefaultRole | "admin" } | { kind: "group"; groupId: string } | { kind: "invalid" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseSsoDefaultChoice(value: string): SsoDefaultChoice {
  if (value === "viewer" || value === "editor" || value === "admin") return { kind: "role", role: value };
  if (value.startsWith(GROUP_CHOICE_PREFIX) && UUID.test(value.slice(GROUP_CHOICE_PREFIX.length))) {
    return { kind: "group", groupId: value.slice(GROUP_CHOICE_PREFIX.length).toLowerCase() };
  }
  return { kind: "invalid" };
}

/** What a new account joins as: built-in roles and custom group, and the name the activity entry gives. */
export interface NewMemberGroup {
  roles: SsoDefaultRole[];
  groupId: string | null;
  label: string;
  /** Why the stored choice was not used (a group that gained Admin permissions since it was chosen). */
  fellBack?: string;
}

const VIEWER: NewMemberGroup = { roles: ["viewer"], groupId: null, label: ROLE_LABELS.viewer };

/**
 * The stored default as a new member's groups. A chosen group that has since gained an Admin-only
 * permission is not used (Viewer instead, said in the activity entry): the rule holds at sign-in, not
 * only when the setting was saved. A deleted group left default_role, Viewer (the foreign key).
 */
export function newMemberGroup(stored: StoredSsoDefault | null): NewMemberGroup {
  if (!stored) return VIEWER;
  if (stored.group) {
    const { id, name, permissions } = stored.group;
    if (adminOnlyPermissionsOf(permissions).length) return { ...VIEWER, fellBack: `${name} holds Admin permissions` };
    return { roles: [], groupId: id, label: name };
  }
  return { roles: [stored.defaultRole], groupId: null, label: ROLE_LABELS[stored.defaultRole] };
}
