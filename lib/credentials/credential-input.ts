// What the credential forms submit, parsed on the server (the messages are the ones shown under the
// fields). The value is kept exactly as typed: a secret's spaces are part of it.
import { z } from "zod";
import { nameInput } from "../name-input";

export const CREDENTIAL_VALUE_MAX_LENGTH = 10_000;

export const CredentialNameInput = nameInput("credential");

export const CredentialValueInput = z
  .string({ error: "Enter the value." })
  .min(1, "Enter the value.")
  .max(CREDENTIAL_VALUE_MAX_LENGTH, `Use at most ${CREDENTIAL_VALUE_MAX_LENGTH.toLocaleString("en-US")} characters.`);

export const CredentialDescriptionInput = z
  .string()
  .trim()
  .max(200, "Use at most 200 characters.")
  .optional()
  .transform((description) => description || null);

/** Checked for shape in the action itself: a malformed id answers "not found", like another tenant's. */
export const CredentialIdInput = z.string().max(100);

// Below this length the last 4 characters would be most of the value: nothing of it is shown.
const SHOWN_TAIL_MIN_LENGTH = 8;

/** The part of a value the console shows: its last 4 characters, or nothing for a short value. */
export function shownTailOf(value: string): string {
  const characters = Array.from(value);
  return characters.length >= SHOWN_TAIL_MIN_LENGTH ? characters.slice(-4).join("") : "";
}
