// A write whose only expected refusal is a name taken in the tenant (a unique constraint): the form
// shows it next to the name field instead of an internal error.
import "server-only";
import { isUniqueViolation } from "@/db/errors";
import { ActionError } from "./core";

/** Runs `write`; a violation of `constraint` becomes CONFLICT with `takenMessage` on the name field. */
export async function withUniqueName<T>(constraint: string, takenMessage: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error, constraint)) throw error;
    throw new ActionError("CONFLICT", "Choose another name.", { name: [takenMessage] });
  }
}
