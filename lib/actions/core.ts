// What every server-action wrapper shares: input parsing, typed refusals, the registry of actions
// (the activity-completeness test walks it) and turning unexpected errors into a safe message.
import "server-only";
import { z } from "zod";
import { failure, type ActionErrorCode, type ActionResult, type FieldErrors } from "../action-result";
import { actionFields } from "../form-fields";
import type { Permission } from "../permissions";
import { fieldsWithUnstorableText, UNSTORABLE_TEXT_MESSAGE } from "../storable-text";
import { isDatabaseUnavailable } from "@/db/availability";
import { isArchivedTenantRefusal } from "@/db/errors";
import { retryableFailure } from "./retryable";

/** Thrown inside an action's `run` to refuse with a typed error; the transaction rolls back. */
export class ActionError extends Error {
  constructor(
    readonly code: ActionErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
  }
}

/** What an action's activity entry says; the wrapper adds who, when and from where. */
export interface ActivityRecord {
  action: string;
  targetType?: string;
  targetId?: string;
  summary: string;
  details?: Record<string, unknown>;
}

export type ActionScope = "tenant" | "user" | "platform";

/** Every action defined through a wrapper, by name. */
export const registeredActions = new Map<string, RegisteredAction>();

export interface RegisteredAction {
  scope: ActionScope;
  permission?: Permission;
  /** The action names the flow it acts on, and its permission is checked for that flow. */
  namesFlow?: boolean;
  /** A tenant action that runs in an archived tenant (only "Restore tenant"). */
  allowedWhileArchived?: boolean;
}

export function registerAction(name: string, entry: RegisteredAction) {
  registeredActions.set(name, entry);
}

export const NOT_FOUND_MESSAGE = "Not found. It may have been removed, or you may no longer have access.";
export const ARCHIVED_MESSAGE = "This tenant is archived: it can be read, but nothing in it can be changed until it is restored.";
export const SIGNED_OUT_MESSAGE = "Your session has ended. Please sign in again.";

type Parsed<Schema extends z.ZodType> =
  | { ok: true; input: z.output<Schema> }
  | { ok: false; result: ActionResult<never> };

/**
 * Parses FormData or a plain object (anything else a forged request sends counts as no fields); a
 * failure carries each field's message for the form. Text PostgreSQL cannot store (NUL, lone
 * surrogates) is refused here, by its field, for every action.
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, raw: unknown): Parsed<Schema> {
  const fields = actionFields(raw);
  const unstorable = fieldsWithUnstorableText(fields);
  if (unstorable.length) {
    const fieldErrors = Object.fromEntries(unstorable.map((field) => [field, [UNSTORABLE_TEXT_MESSAGE]]));
    return { ok: false, result: failure("VALIDATION", "Please correct the highlighted fields.", fieldErrors) };
  }
  const parsed = schema.safeParse(fields);
  if (parsed.success) return { ok: true, input: parsed.data };
  const fieldErrors = z.flattenError(parsed.error).fieldErrors as FieldErrors;
  return { ok: false, result: failure("VALIDATION", "Please correct the highlighted fields.", fieldErrors) };
}

/**
 * Runs the authorized work and answers a typed result: refusals keep their code and message,
 * anything unexpected is logged on the server and reported without details (no stack traces to users).
 */
export async function settle<T>(actionName: string, work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (error instanceof ActionError) return failure(error.code, error.message, error.fieldErrors);
    // The database's wall for an archived tenant (migration tenant_archive), should a write get past the core's check.
    if (isArchivedTenantRefusal(error)) return failure("ARCHIVED", ARCHIVED_MESSAGE);
    if (isDatabaseUnavailable(error)) return retryableFailure(actionName, error);
    console.error(`[action ${actionName}]`, error);
    return failure("INTERNAL", "Something went wrong and nothing was changed. Please try again.");
  }
}
