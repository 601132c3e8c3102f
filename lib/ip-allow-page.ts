// A tenant page view under the tenant's IP allow-lists: the lists are read in the actor's own
// transaction (the own_tenants_lists policy shows them to active members), and a view from an address
// that may do nothing in the tenant (lib/ip-allow-list.ts pageAllowed) is logged and answered 403.
import "server-only";
import { forbidden } from "next/navigation";
import { readIpAllowListsAsMember } from "@/db/queries/ip-allow-lists";
import type { UserTx } from "@/db/scopes";
import { recordIpRefusal } from "./actions/ip-allow-check";
import type { Actor } from "./caller";
import { clientIp } from "./client-ip";
import { pageAllowed, type IpAllowLists } from "./ip-allow-list";

/** The lists that hold the caller's page views: none for a visiting superadmin (nor a non-member). */
export async function pageIpAllowLists(tx: UserTx, member: Actor | null): Promise<IpAllowLists> {
  return member && !member.viaSuperadmin ? readIpAllowListsAsMember(tx, member.tenant.id) : {};
}

/** Logs and answers 403 (app/forbidden.tsx) when the lists refuse the caller's address. */
export async function refuseAddressOfPage(actor: Actor, lists: IpAllowLists, path: string): Promise<void> {
  const ip = await clientIp();
  if (pageAllowed(lists, ip)) return;
  await recordIpRefusal({ tenantId: actor.tenant.id, actorUserId: actor.user.id, actorEmail: actor.user.email, ip, kind: "page", what: path });
  forbidden();
}
