import { z } from "zod";

/**
 * How an account address is compared and stored: without surrounding spaces, lower-case. One account,
 * one rate-limit count, one membership, however the address is typed.
 */
export const normalizeEmail = (typed: string) => typed.trim().toLowerCase();

/** An account address as typed in a form (sign-in, adding a member, the admin command), normalised first. */
export const EmailAddressSchema = z
  .string("Enter an email address.")
  .transform(normalizeEmail)
  .pipe(
    z
      .string()
      .min(1, "Enter an email address.")
      .max(254, "That address is too long.")
      .pipe(z.email("Enter a valid email address, like name@example.com.")),
  );
