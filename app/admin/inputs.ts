// Input shapes the superadmin forms share. Numbers arrive as text from forms and as numbers from
// code; an empty field is an error, never a silent 0.
import { z } from "zod";

export { MAX_API_REQUESTS_PER_MINUTE, MAX_FLOW_CAP, MAX_FLOW_RUNS_PER_30_DAYS, MAX_TENANT_LIMIT } from "./input-limits";

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

/** A limit: a whole number from `min` to `max`, or an empty field (or null from code) for no limit. */
export function limitInput(min: number, max: number) {
  const message = `Enter a whole number from ${min} to ${max.toLocaleString("en-US")}, or leave it empty for no limit.`;
  return z.preprocess(
    (value) => (value === null || (typeof value === "string" && value.trim() === "") ? null : typeof value === "number" ? String(value) : value),
    z
      .string({ error: message })
      .trim()
      .regex(/^\d{1,9}$/, message)
      .transform(Number)
      .pipe(z.number().min(min, message).max(max, message))
      .nullable(),
  );
}

/** A switch's new state: true/false from code, "true"/"false" from a form. */
export const booleanInput = z.preprocess((value) => (value === "true" ? true : value === "false" ? false : value), z.boolean());

/** Checked for shape by the action itself: a malformed id answers "not found", like an unknown one. */
export const idInput = z.string().max(100);
