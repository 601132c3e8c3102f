// Tenant slugs: the tenant's name in its URLs (/t/<slug>). The format matches the tenants_slug_format
// check in the database: lower-case letters, digits and hyphens, 1 to 48 characters, starting and
// ending with a letter or digit.
export const SLUG_MAX_LENGTH = 48;
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;
export const SLUG_FORMAT_MESSAGE =
  "Use 1 to 48 lower-case letters, digits and hyphens, starting and ending with a letter or digit.";

// Words the sign-in's own pages use under /login/ (static segments win over /login/<slug>), so a
// tenant with one of them as its slug could not be reached at /login/<slug>.
export const RESERVED_SLUGS: readonly string[] = ["check-email", "error", "verify", "two-factor"];
export const RESERVED_SLUG_MESSAGE = "That slug is reserved. Choose another.";

/** A slug suggested from a name: "Café Zürich & Co." becomes "cafe-zurich-co". */
export function suggestSlug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents, split off by NFKD
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/, "");
}
