// The one authorizing wrapper every tenant server action goes through:
// zod parse -> session -> actor (tenant from the URL slug, membership read now) -> permission ->
// one scoped transaction that does the change AND writes its activity entry -> typed result.
// Server actions are public POST endpoints, so nothing here trusts the client beyond parsed input.
import { z } from "zod";
import { withTenant, type Tx } from "@/db/scopes";
import { recordActivity } from "@/db/queries/activity";
import { findMembershipOfUser } from "@/db/queries/memberships";
import { failure, type ActionErrorCode, type ActionResult, type FieldErrors } from "./action-result";
import { getActor, getSessionUser, type Actor } from "./actor";
import { clientIp } from "./client-ip";
import { can, type Permission } from "./permissions";

/** Thrown inside `run` to refuse with a typed error; the transaction rolls back, nothing is written. */
export class ActionError extends Error {
  constructor(
    readonly code: ActionErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
  }
}

export interface ActivityRecord {
  action: string;
  targetType?: string;
  targetId?: string;
  summary: string;
  details?: Record<string, unknown>;
}

export interface ActionContext<Input> {
  tx: Tx;
  actor: Actor;
  input: Input;
  ip: string | null;
}

export type TenantAction<T> = (slug: string, previous: unknown, input: FormData | Record<string, unknown>) => Promise<ActionResult<T>>;

/** Every action defined through the wrapper, by name (the activity completeness test walks these). */
export const registeredActions = new Map<string, { permission: Permission }>();

export const NOT_FOUND_MESSAGE = "Not found. It may have been removed, or you may no longer have access.";

export function tenantAction<Schema extends z.ZodType, T>(definition: {
  name: string;
  permission: Permission;
  input: Schema;
  run(context: ActionContext<z.output<Schema>>): Promise<{ data: T; activity: ActivityRecord }>;
}): TenantAction<T> {
  registeredActions.set(definition.name, { permission: definition.permission });

  return async function authorizedAction(slug, _previous, rawInput) {
    const parsed = definition.input.safeParse(rawInput instanceof FormData ? formDataToObject(rawInput) : rawInput);
    if (!parsed.success) {
      return failure("VALIDATION", "Please correct the highlighted fields.", z.flattenError(parsed.error).fieldErrors as FieldErrors);
    }
    if (!(await getSessionUser())) return failure("UNAUTHENTICATED", "Your session has ended. Please sign in again.");
    const actor = typeof slug === "string" ? await getActor(slug) : null;
    if (!actor) return failure("NOT_FOUND", NOT_FOUND_MESSAGE);
    const ip = await clientIp();

    try {
      const data = await withTenant({ tenantId: actor.tenant.id, userId: actor.user.id }, async (tx) => {
        // Authorize again inside the transaction that writes, from the membership as it is now.
        const membership = await findMembershipOfUser(tx, actor.tenant.id, actor.user.id);
        if (!membership || membership.status !== "active") throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
        if (!can(membership.roles, definition.permission)) {
          throw new ActionError("FORBIDDEN", "You do not have permission to do this in this tenant.");
        }
        const current = { ...actor, roles: membership.roles };
        const { data, activity } = await definition.run({ tx, actor: current, input: parsed.data, ip });
        await recordActivity(tx, {
          tenantId: actor.tenant.id,
          actorUserId: actor.user.id,
          actorEmail: actor.user.email,
          ip,
          ...activity,
        });
        return data;
      });
      return { ok: true, data };
    } catch (error) {
      if (error instanceof ActionError) return failure(error.code, error.message, error.fieldErrors);
      console.error(`[action ${definition.name}]`, error);
      return failure("INTERNAL", "Something went wrong and nothing was changed. Please try again.");
    }
  };
}

/** FormData to a plain object; repeated keys (checkbox groups) become arrays. Next's own fields are dropped. */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = form.getAll(key);
    result[key] = values.length > 1 ? values : values[0];
  }
  return result;
}
