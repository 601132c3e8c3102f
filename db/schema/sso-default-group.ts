import { sql, type SQL } from "drizzle-orm";
import { text, uuid } from "drizzle-orm/pg-core";

// "Default group for new single sign-on users" (issue 16, item 1), kept on the tenant's identity
// provider row (saml_configs or oidc_configs: a tenant has one). A new account the provider vouches for
// joins the custom group `default_group_id` when it is set, else the built-in `default_role`. Admin is
// never a default (anyone the provider vouches for would manage the tenant): the check below is the
// backstop of the form's refusal. A custom group is a foreign key to the tenant's own group
// (tenant_id, id); deleting it sets only default_group_id to null (hand-written ON DELETE SET NULL
// (default_group_id) in migration sso_default_group), so the default falls back to default_role, which
// is Viewer whenever a custom group is chosen (second check).

export const SSO_DEFAULT_ROLE_VALUES = ["viewer", "editor"] as const;
export type SsoDefaultRole = (typeof SSO_DEFAULT_ROLE_VALUES)[number];

/** The two columns, for both identity provider tables. */
export const ssoDefaultGroupColumns = () => ({
  defaultRole: text("default_role").$type<SsoDefaultRole>().notNull().default("viewer"),
  defaultGroupId: uuid("default_group_id"),
});

/** The checks both tables carry: never Admin; Viewer under a chosen custom group. */
export const ssoDefaultGroupChecks = (t: { defaultRole: unknown; defaultGroupId: unknown }): SQL[] => [
  sql`${t.defaultRole} in ('viewer', 'editor')`,
  sql`${t.defaultGroupId} is null or ${t.defaultRole} = 'viewer'`,
];
