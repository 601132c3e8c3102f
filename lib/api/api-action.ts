// How the REST API writes: the bearer key authorized at the door (authorizeApiRequest, 401/403), the
// body parsed by the action's own schema (the form's messages, per field), then the very definition
// the server action runs, through the same core (performTenantAction: one transaction, the key's
// role re-checked in it, the change and its activity entry with the key's name as the actor). A
// refusal is problem+json with the form's message; an id of another tenant is a 404 like any unknown id.
import "server-only";
import type { z } from "zod";
import { withTenant } from "@/db/scopes";
import { getTenantSettings } from "@/db/queries/tenants";
import { refreshPages } from "../actions/after-commit";
import { ActionError, NOT_FOUND_MESSAGE, parseInput, settle } from "../actions/core";
import { performTenantAction, type DefinedTenantAction } from "../actions/tenant-action";
import { clientIp } from "../client-ip";
import { apiKeyActor } from "./api-actor";
import { authorizeApiRequest, withRateLimitHeaders } from "./api-caller";
import { jsonBody } from "./json-body";
import { actionProblem } from "./problem";

export interface ApiWrite<T> {
  /** Fields from the path (the id the URL names); they win over the body's. */
  path?: Record<string, string>;
  /** Whether the request has a JSON body to read (DELETE and the run have none). */
  body?: boolean;
  /** 201 for a create; 200 otherwise. */
  status?: number;
  /** What the answer shows of the action's result (the action's data by default). */
  answer?: (data: T) => unknown;
}

export async function apiTenantAction<Schema extends z.ZodType, T, Locked extends boolean>(
  request: Request,
  action: DefinedTenantAction<Schema, T, Locked>,
  options: ApiWrite<T> = {},
): Promise<Response> {
  const { definition } = action;
  const caller = await authorizeApiRequest(request, definition.permission);
  if (caller instanceof Response) return caller;
  const body = options.body === false ? {} : await jsonBody(request);
  if (body instanceof Response) return withRateLimitHeaders(caller, body);
  const parsed = parseInput(definition.input, { ...body, ...options.path });
  if (!parsed.ok) return withRateLimitHeaders(caller, actionProblem(parsed.result as Extract<typeof parsed.result, { ok: false }>));

  const result = await settle(definition.name, async () => {
    const tenant = await withTenant({ tenantId: caller.tenantId, userId: null }, (tx) => getTenantSettings(tx));
    // The key's row goes with its tenant (ON DELETE CASCADE), so this is only a race with the deletion.
    if (!tenant) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
    const done = await performTenantAction(definition, { actor: apiKeyActor(caller, tenant), ip: await clientIp() }, parsed.input);
    return { ...done, slug: tenant.slug };
  });
  if (!result.ok) return withRateLimitHeaders(caller, actionProblem(result));
  // The tenant's pages show the change on their next render, as after the server action.
  if (result.data.changed) refreshPages(`/t/${result.data.slug}`);
  const data = result.data.data;
  return withRateLimitHeaders(
    caller,
    Response.json(options.answer ? options.answer(data) : data, { status: options.status ?? 200, headers: { "cache-control": "no-store" } }),
  );
}
