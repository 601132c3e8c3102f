// The single sign-on area's own world (issue 16, item 1): a tenant whose Admin sets up SAML against
// the test identity provider the spec starts (e2e/support/saml-idp-server.ts).
import type { SeedWorld } from "../../db/seed";
import { members, tenant } from "./world";

export const SSO_ADMIN = { email: "admin@sso.e2e.test", password: "single sign-on admin passphrase" };

export const SSO_WORLD = {
  users: [{ email: SSO_ADMIN.email, name: "Sigrid Sso", password: SSO_ADMIN.password }],
  tenants: [
    tenant({
      slug: "sso-main",
      name: "SSO Main",
      contactEmail: "ops@sso.e2e.test",
      license: "enterprise",
      flowCap: 50,
      approvedDomains: ["sso.e2e.test"],
      members: members({ [SSO_ADMIN.email]: "admin" }),
    }),
  ],
} satisfies SeedWorld;
