// OpenID Connect single sign-on (issue 16, item 1, beyond the document), end to end: a tenant Admin
// registers this console's redirect URI (shown in Settings) with a real OpenID provider the spec starts
// (oidc-provider, tests/support/oidc-op.ts), sets up OpenID Connect (a malformed issuer, then one where
// discovery fails: each error next to the field), then a new user of an approved domain signs in from
// /login/<slug> through the provider's login form and lands in the tenant, added as a Viewer.
import { expect, test } from "@playwright/test";
import { startTestOp, type TestOp } from "../../tests/support/oidc-op";
import { OIDC_ADMIN } from "../seed/sso";
import { signInWithPassword } from "../support/password";

let op: TestOp;

test.beforeAll(async () => {
  op = await startTestOp();
});

test.afterAll(async () => {
  await op?.close();
});

test("an Admin sets up OpenID Connect, and a new user signs in from /login/<slug> through the provider into the tenant", async ({ page, browser }) => {
  await signInWithPassword(page, OIDC_ADMIN.email, OIDC_ADMIN.password);
  await page.goto("/t/oidc-main/settings");
  const section = page.getByRole("region", { name: "OpenID Connect" });
  const redirectUri = (await section.getByTestId("oidc-redirect-uri").textContent()) ?? "";
  expect(redirectUri).toMatch(/\/api\/sso\/oidc-main\/oidc\/callback$/);
  const client = await op.registerClient([redirectUri]);

  const issuer = section.getByRole("textbox", { name: "Issuer URL" });
  await issuer.fill("not a url");
  await section.getByRole("textbox", { name: "Client ID" }).fill(client.clientId);
  await section.getByLabel("Client secret").fill(client.clientSecret);
  await section.getByRole("button", { name: "Save OpenID Connect" }).click();
  await expect(issuer).toHaveAccessibleDescription(/Enter the issuer's URL/);
  await expect(issuer).toHaveAttribute("aria-invalid", "true");

  await section.getByRole("textbox", { name: "Issuer URL" }).fill(`${op.issuer}/nowhere`);
  await section.getByLabel("Client secret").fill(client.clientSecret);
  await section.getByRole("button", { name: "Save OpenID Connect" }).click();
  await expect(section.getByRole("textbox", { name: "Issuer URL" })).toHaveAccessibleDescription(/No OpenID provider answered/);

  await section.getByRole("textbox", { name: "Issuer URL" }).fill(op.issuer);
  await section.getByLabel("Client secret").fill(client.clientSecret);
  await section.getByRole("button", { name: "Save OpenID Connect" }).click();
  await expect(section.getByText("OpenID Connect saved.")).toBeVisible();

  // A new visitor, in a browser of their own.
  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto("/login/oidc-main");
  await visitor.getByRole("link", { name: "Sign in with single sign-on" }).click();
  await expect(visitor.getByRole("heading", { name: "Test OpenID provider" })).toBeVisible();
  await visitor.getByRole("textbox", { name: "Email" }).fill("newcomer@oidc.e2e.test");
  await visitor.getByRole("button", { name: "Sign in" }).click();
  await expect(visitor).toHaveURL(/\/t\/oidc-main$/);
  await expect(visitor.getByRole("heading", { name: "OIDC Main" })).toBeVisible();
  await context.close();

  // The Admin sees the sign-in in the log.
  await page.goto("/t/oidc-main/activity");
  await expect(page.getByText("newcomer@oidc.e2e.test signed in with single sign-on and joined as Viewer")).toBeVisible();
});
