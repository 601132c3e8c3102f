// Who is asking, as the wrappers, pages and access checks pass it around. Types only, in a module of
// their own, so lib/actor.ts (which reads them) and lib/superadmin-access.ts (which it calls) do not
// import each other.
import type { TenantMembership } from "@/db/queries/tenants";
import type { AuthMethod, MemberRole } from "@/db/schema";
import type { Permission } from "./permissions";
import type { SsoRequirement } from "./sso/sso-policy";

export interface SessionUser {
  id: string;
  email: string;
  /** How the session was opened (its `sessions` row); a tenant may refuse magic-link sessions. */
  authMethod: AuthMethod;
  /** Two-factor is on for the user (and this session has passed it: a session that has not is no session yet). */
  twoFactorEnabled: boolean;
  /**
   * The tenant whose single sign-on opened the session: the only tenant it enters
   * (lib/sso/session-binding.ts). Null for the account's own sign-ins, and for API keys.
   */
  ssoTenantId: string | null;
}

export interface Actor {
  user: SessionUser;
  tenant: TenantMembership["tenant"];
  /** Null for a superadmin visiting a tenant they are not an active member of. */
  membershipId: string | null;
  roles: MemberRole[];
  /**
   * The union of the permissions of the member's custom groups (issue 15), read with the membership:
   * can(actor, …) counts them with the roles'. None for a visiting superadmin or an API key.
   */
  groupPermissions?: Permission[];
  /**
   * Flow permissions the member holds only for some flows (a group narrowed to "Only these flows"):
   * can() does not count them; canForFlow (lib/groups/flow-access.ts) does, for the flows named.
   */
  flowScopedPermissions?: Permission[];
  /**
   * The tenant's "Viewers see dashboards only", read with the membership (or key): can() hides flows,
   * tables, connections and credentials from a caller whose only group is Viewer (lib/permissions.ts).
   * Required, so no way of making an actor forgets it.
   */
  viewersSeeDashboardsOnly: boolean;
  /** The member is in at least one custom group (read with the membership): not "only a Viewer". */
  inCustomGroup?: boolean;
  /** The names of the member's custom groups, A to Z, read with the membership (the overview's "Your roles"). */
  customGroupNames?: string[];
  /** The member is in a custom group the tenant requires two-factor of (read with the membership). */
  inTwoFactorGroup?: boolean;
  /** A superadmin entered this tenant without being an active member (see lib/superadmin-access.ts). */
  viaSuperadmin: boolean;
  /**
   * Set when the caller is an API key (lib/api/api-actor.ts), not a person: `user` then stands for the
   * key (its id and name), and the write core authorizes the key's role as it is now, in the
   * transaction, and records the key's name as the actor. With `integration`, the caller came with an
   * integration's signed token: `id` is the integration's, and its default role is authorized instead.
   */
  apiKey?: { id: string; name: string; integration?: boolean };
  /** The tenant's "Require single sign-on" setting, read with the membership (lib/sso/sso-policy.ts). */
  ssoRequirement?: SsoRequirement | null;
}

/** The user id a change records as its author (created by, run by), or null when an API key made it. */
export const actingUserId = (actor: Pick<Actor, "user" | "apiKey">): string | null => (actor.apiKey ? null : actor.user.id);
