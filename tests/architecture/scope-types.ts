// What the type checker must refuse (db/scopes.ts: the scope is a type). Never run: `tsc --noEmit`
// compiles it, where each `@ts-expect-error` must meet an error, and scope-types.test.ts compiles
// it again without those directives, checking that exactly the marked lines are refused, each as a
// transaction of the wrong scope.
import { recordActivity } from "@/db/queries/activity/tenant-log";
import { listFlows } from "@/db/queries/flows";
import { findMember, listMembers } from "@/db/queries/members";
import { listPlatformWidePage } from "@/db/queries/activity/platform-log";
import { findApiKeyTenant } from "@/db/queries/api-keys";
import { markMailSent } from "@/db/queries/mail-outbox";
import { listTenantsForPlatform } from "@/db/queries/platform-tenants";
import { listTenantsOfUser } from "@/db/queries/tenants";
import { getUserEmail } from "@/db/queries/users";
import {
  enterTenant,
  withActorTenant,
  withPlatform,
  withSystem,
  withTenant,
  withUser,
  type ApiKeyLookupTx,
  type MailDeliveryTx,
  type PlatformTx,
  type SystemTx,
  type TenantTx,
  type Tx,
  type UserTx,
} from "@/db/scopes";

declare const tenant: TenantTx;
declare const user: UserTx;
declare const system: SystemTx;
declare const platform: PlatformTx;
declare const mail: MailDeliveryTx;
declare const apiKeyLookup: ApiKeyLookupTx;
declare const plain: Tx;
const flowQuery = { sort: "name", dir: "asc", page: 1, size: 10 } as const;
const entry = { actorUserId: null, actorEmail: null, action: "x", summary: "x" };

export async function refused() {
  // @ts-expect-error a user's scope is no tenant's
  await listFlows(user, flowQuery);
  // @ts-expect-error the system scope is no tenant's
  await findMember(system, "id");
  // @ts-expect-error a superadmin reaches a tenant only through enterTenant
  await recordActivity(platform, entry);
  // @ts-expect-error the mail worker's scope is no tenant's
  await listFlows(mail, flowQuery);
  // @ts-expect-error nor is the API key lookup's, before the key's tenant is known
  await listFlows(apiKeyLookup, flowQuery);
  // @ts-expect-error a transaction of no declared scope
  await listFlows(plain, flowQuery);
  // @ts-expect-error a tenant transaction is not a superadmin's
  await listPlatformWidePage(tenant, null, { actions: [], log: "platform" }, { limit: 1 });
  // @ts-expect-error nor is a user's
  await listPlatformWidePage(user, null, { actions: [], log: "platform" }, { limit: 1 });
  // @ts-expect-error the tenant comes from the transaction, not from an argument
  await findMember(tenant, "tenant id", "id");
  // @ts-expect-error a user's own memberships need the user's scope
  await listTenantsOfUser(tenant, "u");
  // @ts-expect-error the console's tenant list is a superadmin's
  await listTenantsForPlatform(user, { sort: "name", dir: "asc", page: 1, size: 10 });
  // @ts-expect-error only the mail worker's scope reads the outbox
  await markMailSent(system, "id");
  // @ts-expect-error an API key is looked up in its own scope, before its tenant is known
  await findApiKeyTenant(system, "hash");
  // @ts-expect-error a user's work cannot be handed a tenant's transaction type
  await withUser({ userId: "id" }, (tx: TenantTx) => listFlows(tx, flowQuery));
  // @ts-expect-error nor can the system's
  await withSystem((tx: TenantTx) => listFlows(tx, flowQuery));
}

export async function accepted() {
  await withTenant({ tenantId: "t", userId: null }, (tx) => listFlows(tx, flowQuery));
  await withActorTenant({ tenant: { id: "t" }, user: { id: "u" } }, (tx) => listMembers(tx, { page: 1, size: 10, sort: "joined", dir: "asc" }));
  // Entering a tenant, across scopes, hands out a tenant transaction.
  await withUser({ userId: "u" }, async (tx) => listFlows(await enterTenant(tx, { tenantId: "t", userId: "u" }), flowQuery));
  await withPlatform({ superadminId: "s" }, async (tx, access) => {
    const entered = await access.enterTenant("t", "reason");
    await recordActivity(entered, entry);
    return listPlatformWidePage(tx, entered, { actions: [], log: "all", tenantId: "t" }, { limit: 1 });
  });
  await withUser({ userId: "u" }, (tx) => listTenantsOfUser(tx, "u"));
  await markMailSent(mail, "id");
  await findApiKeyTenant(apiKeyLookup, "hash");
  await listTenantsForPlatform(platform, { sort: "name", dir: "asc", page: 1, size: 10 });
  // A query over global tables takes any scope.
  await getUserEmail(tenant, "u");
  await getUserEmail(user, "u");
  await getUserEmail(system, "u");
}
