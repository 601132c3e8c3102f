// How an import refuses a file: one message next to the upload field; the caller's transaction rolls
// back, so nothing of the file is written.
import { ActionError } from "../actions/core";

export const refuseFile = (message: string): never => {
  throw new ActionError("VALIDATION", message, { file: [message] });
};

/** The value as the schema reads it (what the console's forms would accept), or the file is refused. */
export function checked<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : refuseFile(`The file holds ${what} this console would not accept. Nothing was imported.`);
}
