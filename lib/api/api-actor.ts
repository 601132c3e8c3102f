// An API key as the write core's caller. A key is no person: `user` stands for the key (its id, and
// its name where the actions write who did something: summaries, "changed by"), and `apiKey` tells the
// core to authorize the key's row, not a membership, and to record the key's name as the actor.
import type { Actor } from "../caller";
import type { ApiCaller } from "./api-caller";

export function apiKeyActor(caller: ApiCaller, tenant: Actor["tenant"]): Actor {
  return {
    // authMethod and twoFactorEnabled only matter to a tenant's login policy and two-factor
    // requirement, which govern browser sessions: a key is its own credential (README, Two-factor).
    user: { id: caller.keyId, email: caller.keyName, authMethod: "password", twoFactorEnabled: false, ssoTenantId: null },
    tenant,
    membershipId: null,
    roles: caller.roles,
    viewersSeeDashboardsOnly: caller.viewersSeeDashboardsOnly,
    viaSuperadmin: false,
    apiKey: { id: caller.keyId, name: caller.keyName, integration: caller.integration },
  };
}
