// Single sign-on (issue 16, item 1), end to end: a tenant Admin sets up SAML in Settings with the
// metadata of a real identity provider the spec starts (bad XML first: the error shows next to the
// field), then a new user of an approved domain signs in from /login/<slug> through the IdP's page and
// lands in the tenant, added as a Viewer.
import { expect, test } from "@playwright/test";
import { SSO_ADMIN } from "../seed/sso";
import { signInWithPassword } from "../support/password";
import { startIdpServer } from "../support/saml-idp-server";

let idpServer: Awaited<ReturnType<typeof startIdpServer>>;

test.beforeAll(async ({ baseURL }) => {
  idpServer = await startIdpServer(`${baseURL}/api/sso/sso-main/metadata`);
});

test.afterAll(async () => {
  await idpServer?.close();
});

test("an Admin sets up SAML, and a new user signs in from /login/<slug> through the IdP into the tenant", async ({ page, browser }) => {
  await signInWithPassword(page, SSO_ADMIN.email, SSO_ADMIN.password);
  await page.goto("/t/sso-main/settings");
  const section = page.getByRole("region", { name: "Single sign-on" });
  await expect(section.getByRole("link", { name: "Download SP metadata" })).toHaveAttribute("href", "/api/sso/sso-main/metadata");

  const metadata = section.getByRole("textbox", { name: "Identity provider metadata (XML)" });
  await metadata.fill("<EntityDescriptor");
  await section.getByRole("button", { name: "Save single sign-on" }).click();
  await expect(metadata).toHaveAccessibleDescription(/not well-formed XML/);
  await expect(metadata).toHaveAttribute("aria-invalid", "true");

  await section.getByRole("textbox", { name: "Identity provider metadata (XML)" }).fill(idpServer.metadata);
  await section.getByRole("button", { name: "Save single sign-on" }).click();
  await expect(section.getByText("Single sign-on saved.")).toBeVisible();

  // A new visitor, in a browser of their own.
  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto("/login/sso-main");
  await visitor.getByRole("link", { name: "Sign in with single sign-on" }).click();
  await expect(visitor.getByRole("heading", { name: "Test identity provider" })).toBeVisible();
  await visitor.getByRole("textbox", { name: "Email" }).fill("newcomer@sso.e2e.test");
  await visitor.getByRole("button", { name: "Sign in" }).click();
  await visitor.getByRole("button", { name: "Continue" }).click();
  await expect(visitor).toHaveURL(/\/t\/sso-main$/);
  await expect(visitor.getByRole("heading", { name: "SSO Main" })).toBeVisible();
  // The session SSO Main's IdP opened is SSO Main's only: another tenant's page sends it to sign in,
  // saying why, and shows nothing of that tenant.
  await visitor.goto("/t/oidc-main");
  await expect(visitor).toHaveURL(/\/login\?callbackUrl=%2Ft%2Foidc-main$/);
  await expect(visitor.getByRole("status")).toHaveText(/single sign-on that opens one tenant only/);
  await expect(visitor.getByText("OIDC Main")).toHaveCount(0);
  await context.close();

  // The Admin sees the newcomer as a Viewer, and the sign-in in the log.
  await page.goto("/t/sso-main/activity");
  await expect(page.getByText("newcomer@sso.e2e.test signed in with single sign-on and joined as Viewer")).toBeVisible();
});
