// Who is asking, as the wrappers, pages and access checks pass it around. Types only, in a module of
// their own, so lib/actor.ts (which reads them) and lib/superadmin-access.ts (which it calls) do not
// import each other.
import type { TenantMembership } from "@/db/queries/tenants";
import type { AuthMethod, MemberRole } from "@/db/schema";

export interface SessionUser {
  id: string;
  email: string;
  /** How the session was opened (its `sessions` row); a tenant may refuse magic-link sessions. */
  authMethod: AuthMethod;
  /** Two-factor is on for the user (and this session has passed it: a session that has not is no session yet). */
  twoFactorEnabled: boolean;
}

export interface Actor {
  user: SessionUser;
  tenant: TenantMembership["tenant"];
  /** Null for a superadmin visiting a tenant they are not an active member of. */
  membershipId: string | null;
  roles: MemberRole[];
  /** A superadmin entered this tenant without being an active member (see lib/superadmin-access.ts). */
  viaSuperadmin: boolean;
}
