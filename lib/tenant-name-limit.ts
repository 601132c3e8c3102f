// How long a tenant's name may be: a plain constant with no imports, so the create-tenant form can
// size its field without bringing the server's parsers (zod, lib/tenant-fields.ts) into the browser.
export const TENANT_NAME_MAX_LENGTH = 80;
