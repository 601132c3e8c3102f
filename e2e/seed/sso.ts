// The single sign-on area's own world (issue 16, item 1): a tenant whose Admin sets up SAML against
// the test identity provider the spec starts (e2e/support/saml-idp-server.ts), and one whose Admin sets
// up OpenID Connect against the test OpenID provider (tests/support/oidc-op.ts).
import type { SeedWorld } from "../../db/seed";
import { members, tenant } from "./world";

export const SSO_ADMIN = { email: "admin@sso.e2e.test", password: "single sign-on admin passphrase" };

export const OIDC_ADMIN = { email: "admin@oidc.e2e.test", password: "openid connect admin passphrase" };

export const SSO_WORLD = {
  users: [
    { email: SSO_ADMIN.email, name: "Sigrid Sso", password: SSO_ADMIN.password },
    { email: OIDC_ADMIN.email, name: "Olle Oidc", password: OIDC_ADMIN.password },
  ],
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
    tenant({
      slug: "oidc-main",
      name: "OIDC Main",
      contactEmail: "ops@oidc.e2e.test",
      license: "enterprise",
      flowCap: 50,
      approvedDomains: ["oidc.e2e.test"],
      members: members({ [OIDC_ADMIN.email]: "admin" }),
    }),
  ],
} satisfies SeedWorld;
