// The name of something a tenant keeps (a credential, an API key): required, trimmed, at most 80
// characters, no control characters (they would not show, and could make two names look alike).
import { z } from "zod";

export function nameInput(thing: string) {
  const missing = `Enter a name for the ${thing}.`;
  return z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(80, "Use at most 80 characters.")
    .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "The name cannot contain control characters.");
}
