// A tenant page view under the tenant's IP allow-lists (read with the caller in the actor's own
// transaction: db/queries/caller-page.ts): a view from an address that may do nothing in the tenant
// (lib/ip-allow-list.ts pageAllowed) is logged and answered 403.
import "server-only";
import { forbidden } from "next/navigation";
import { recordIpRefusal } from "./actions/ip-allow-check";
import type { Actor } from "./caller";
import { clientIp } from "./client-ip";
import { pageAllowed, type IpAllowLists } from "./ip-allow-list";

/** Logs and answers 403 (app/forbidden.tsx) when the lists refuse the caller's address. */
export async function refuseAddressOfPage(actor: Actor, lists: IpAllowLists, path: string): Promise<void> {
  const ip = await clientIp();
  if (pageAllowed(lists, ip)) return;
  await recordIpRefusal({ tenantId: actor.tenant.id, actorUserId: actor.user.id, actorEmail: actor.user.email, ip, kind: "page", what: path });
  forbidden();
}
