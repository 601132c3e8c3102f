// Input shapes the superadmin forms share. Numbers arrive as text from forms and as numbers from
// code; an empty field is an error, never a silent 0.
import { z } from "zod";

export { MAX_FLOW_CAP, MAX_TENANT_LIMIT } from "./input-limits";

export function wholeNumberInput(max: number) {
  const message = `Enter a whole number from 0 to ${max.toLocaleString("en-US")}.`;
  return z.preprocess(
    (value) => (typeof value === "number" ? String(value) : value),
    z
      .string({ error: message })
      .trim()
      .regex(/^\d{1,9}$/, message)
      .transform(Number)
      .pipe(z.number().max(max, message)),
  );
}

/** A switch's new state: true/false from code, "true"/"false" from a form. */
export const booleanInput = z.preprocess((value) => (value === "true" ? true : value === "false" ? false : value), z.boolean());

/** Checked for shape by the action itself: a malformed id answers "not found", like an unknown one. */
export const idInput = z.string().max(100);
