// How the REST API reads: the bearer key authorized for `permission` (401/403 at the door), then one
// read in the key's tenant (withTenant: row-level security limits it to that tenant). A read that
// finds nothing (an id of another tenant, a malformed one) answers 404, like the pages; failures are
// settled like an action's (a database outage 503, anything unexpected 500 without details).
import "server-only";
import { withTenant, type TenantTx } from "@/db/scopes";
import { ActionError, NOT_FOUND_MESSAGE, settle } from "../actions/core";
import type { Permission } from "../permissions";
import { authorizeApiRequest, withRateLimitHeaders, type ApiCaller } from "./api-caller";
import { actionProblem } from "./problem";

export async function apiRead<T>(
  request: Request,
  permission: Permission,
  read: (tx: TenantTx, caller: ApiCaller) => Promise<T | null>,
): Promise<Response> {
  const caller = await authorizeApiRequest(request, permission);
  if (caller instanceof Response) return caller;
  const result = await settle(`api read ${permission}`, async () => {
    const data = await withTenant({ tenantId: caller.tenantId, userId: null }, (tx) => read(tx, caller));
    if (data === null) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
    return data;
  });
  return withRateLimitHeaders(caller, result.ok ? Response.json(result.data, { headers: { "cache-control": "no-store" } }) : actionProblem(result));
}
