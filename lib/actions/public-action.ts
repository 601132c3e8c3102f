import "server-only";
// Wrapper for the sign-in-stage forms, which run before anyone is known (ask for a sign-in link, sign
// in with a password, set a password through a mailed link): form parse -> caller's IP -> the work
// (in system-scope transactions it opens through `system`) -> typed result, the same ActionResult the
// other wrappers answer -> after success, the redirect the work asked for. No session, no registry
// entry: these are not authorized actions, and each records what it must itself.
import type { z } from "zod";
import { withSystem, type Tx } from "@/db/scopes";
import type { ActionResult } from "../action-result";
import { clientIp } from "../client-ip";
import { redirect } from "next/navigation";
import { committed } from "./after-commit";
import { parseInput, settle } from "./core";

export interface PublicActionContext<Input> {
  input: Input;
  ip: string | null;
  /** One transaction in the system scope (nobody is signed in yet). */
  system<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

export interface PublicActionOutcome<T> {
  data: T;
  /** Where the browser goes once the work is done (a redirect, outside the error handling). */
  redirectTo?: string;
}

export type PublicAction<T> = (previous: unknown, form: FormData) => Promise<ActionResult<T>>;

export function publicAction<Shape extends z.ZodRawShape, T>(definition: {
  name: string;
  input: z.ZodObject<Shape>;
  run(context: PublicActionContext<z.output<z.ZodObject<Shape>>>): Promise<PublicActionOutcome<T>>;
}): PublicAction<T> {
  return async function publicFormAction(_previous, form) {
    const parsed = parseInput(definition.input, formFieldsOf(definition.input, form));
    if (!parsed.ok) return parsed.result;
    const ip = await clientIp();
    const result = await settle(definition.name, () => definition.run({ input: parsed.input, ip, system: withSystem }));
    if (!result.ok) return result;
    if (result.data.redirectTo !== undefined) redirect(result.data.redirectTo);
    return committed(result.data.data, undefined);
  };
}

/**
 * The form's fields, each of the schema's fields present ("" when the form lacks it, as an empty
 * input sends it). Anything but FormData (a forged call) counts as an empty form, so it gets the
 * form's own messages.
 */
function formFieldsOf(schema: z.ZodObject, form: unknown): Record<string, unknown> {
  const empty = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, ""]));
  if (!(form instanceof FormData)) return empty;
  // Stryker disable next-line MethodExpression: equivalent, a z.object drops the keys it does not declare (the filter only keeps them out earlier)
  return { ...empty, ...Object.fromEntries([...form.keys()].filter((key) => key in empty).map((key) => [key, form.get(key)])) };
}
