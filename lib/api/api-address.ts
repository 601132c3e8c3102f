// The REST API under the tenant's "run" allow-list: every call, whatever it asks, from an address
// the list does not include is refused, and the refusal is logged in the tenant's log.
import { readIpAllowLists } from "@/db/queries/ip-allow-lists";
import { withTenant } from "@/db/scopes";
import { recordIpRefusal } from "../actions/ip-allow-check";
import { addressAllowed } from "../ip-allow-list";

/** True (and logged) when the tenant's run list refuses the address. */
export async function apiAddressRefused(tenantId: string, keyName: string, ip: string | null): Promise<boolean> {
  const lists = await withTenant({ tenantId, userId: null }, (tx) => readIpAllowLists(tx));
  if (addressAllowed(ip, lists.run)) return false;
  await recordIpRefusal({ tenantId, actorUserId: null, actorEmail: `API key ${keyName}`, ip, kind: "run", what: "api" });
  return true;
}
