// Single sign-on (issue 16, item 1), end to end: a tenant Admin sets up SAML in Settings with the
// metadata of a real identity provider the spec starts (bad XML first: the error shows next to the
// field, and so does Admin as the default group for new users), chooses a custom group as that default,
// then a new user of an approved domain signs in from /login/<slug> through the IdP's page and lands in
// the tenant, added to the chosen group (the members page shows it).
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
  // The group new single sign-on users will join.
  await page.goto("/t/sso-main/groups");
  await page.getByRole("textbox", { name: "Name" }).fill("Support desk");
  await page.getByRole("checkbox", { name: "See tables", exact: true }).check();
  await page.getByRole("button", { name: "New group" }).click();
  await expect(page.getByRole("heading", { name: "Support desk", level: 1 })).toBeVisible();

  await page.goto("/t/sso-main/settings");
  const section = page.getByRole("region", { name: "Single sign-on" });
  await expect(section.getByRole("link", { name: "Download SP metadata" })).toHaveAttribute("href", "/api/sso/sso-main/metadata");

  const metadata = section.getByRole("textbox", { name: "Identity provider metadata (XML)" });
  const defaultGroup = section.getByRole("combobox", { name: "Default group for new single sign-on users" });
  await expect(defaultGroup).toHaveValue("viewer");
  await metadata.fill("<EntityDescriptor");
  await defaultGroup.selectOption({ label: "Admin" });
  await section.getByRole("button", { name: "Save single sign-on" }).click();
  await expect(metadata).toHaveAccessibleDescription(/not well-formed XML/);
  await expect(metadata).toHaveAttribute("aria-invalid", "true");
  await expect(defaultGroup).toHaveAttribute("aria-invalid", "true");
  await expect(defaultGroup).toHaveAccessibleDescription(/Admin cannot be the default group: everyone your identity provider signs in/);

  await section.getByRole("textbox", { name: "Identity provider metadata (XML)" }).fill(idpServer.metadata);
  await defaultGroup.selectOption({ label: "Support desk" });
  await section.getByRole("button", { name: "Save single sign-on" }).click();
  await expect(section.getByText("Single sign-on saved.")).toBeVisible();
  await page.reload();
  await expect(section.getByRole("combobox", { name: "Default group for new single sign-on users" }).locator("option:checked")).toHaveText("Support desk");

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

  // The Admin sees the newcomer in the chosen group (and no built-in one), and the sign-in in the log.
  await page.goto("/t/sso-main/members");
  const row = page.getByRole("row", { name: /newcomer@sso\.e2e\.test/ });
  await expect(row.getByRole("checkbox", { name: "Support desk" })).toBeChecked();
  await expect(row.getByRole("checkbox", { name: "Viewer" })).not.toBeChecked();
  await page.goto("/t/sso-main/activity");
  await expect(page.getByText("newcomer@sso.e2e.test signed in with single sign-on and joined as Support desk")).toBeVisible();
});
