// The REST API under the tenant's "run" allow-list: every call, whatever it asks, from an address
// the list does not include is refused (403), and the refusal is logged in the tenant's log in a
// transaction of its own.
import { readIpAllowLists } from "@/db/queries/ip-allow-lists";
import type { TenantTx } from "@/db/scopes";
import { apiCallerLabel } from "../actions/activity-entry";
import { recordIpRefusal } from "../actions/ip-allow-check";
import { addressAllowed } from "../ip-allow-list";
import { addressRefused } from "./problem";

/** Whether the key's tenant's run list lets the address through (read in the key's own transaction). */
export async function apiAddressAllowed(tx: TenantTx, ip: string | null): Promise<boolean> {
  return addressAllowed(ip, (await readIpAllowLists(tx)).run);
}

/** Logs the refusal and answers it. */
export async function refuseApiAddress(tenantId: string, caller: { name: string; integration: boolean }, ip: string | null): Promise<Response> {
  await recordIpRefusal({ tenantId, actorUserId: null, actorEmail: apiCallerLabel(caller), ip, kind: "run", what: "api" });
  return addressRefused();
}
