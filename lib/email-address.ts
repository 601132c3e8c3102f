import { z } from "zod";

/** An account address as typed on a sign-in form: trimmed, lower-case (accounts are stored lower-case). */
export const EmailAddressSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address, like name@example.com."));
