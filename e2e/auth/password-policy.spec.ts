import { expect, test } from "@playwright/test";
import { SETTINGS_PASSWORDS } from "../seed/settings";
import { awaitNewMail } from "../support/mail";
import { signInWithPassword, submitPasswordSignIn } from "../support/password";
import { followSignInLink, requestSignInLink, signIn, signOut } from "../support/sign-in";

const PASSWORD_REQUIRED = "This tenant requires password sign-in";

test("a magic-link session is refused by a password-only tenant; password sign-in then works, and signs out", async ({ page }) => {
  await followSignInLink(page, await requestSignInLink(page, "pwonly@settings.e2e.test"));
  await expect(page).toHaveURL(/\/login\?method=password&reason=tenant-requires-password&callbackUrl=%2Ft%2Fsettings-locked$/);
  await expect(page.getByRole("status").filter({ hasText: PASSWORD_REQUIRED })).toBeVisible();
  await expect(page.getByText("Settings Locked")).toHaveCount(0);
  // Any page of the tenant is refused, not only its overview.
  await page.goto("/t/settings-locked/settings");
  await expect(page).toHaveURL(/reason=tenant-requires-password/);
  await expect(page.getByRole("textbox", { name: "Contact email" })).toHaveCount(0);

  await submitPasswordSignIn(page, "pwonly@settings.e2e.test", "not the password");
  await expect(page.getByRole("alert").filter({ hasText: "That email and password do not match an account." })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Email" })).toHaveValue("pwonly@settings.e2e.test");

  await page.getByLabel("Password", { exact: true }).fill(SETTINGS_PASSWORDS.pwonly);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Back on the page that was asked for (issue 18, item 2), not the tenant's overview.
  await expect(page).toHaveURL(/\/t\/settings-locked\/settings$/);
  await expect(page.getByRole("textbox", { name: "Contact email" })).toBeVisible();

  await signOut(page);
  await page.goto("/t/settings-locked");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
});

test("an unknown address gets the same answer as a wrong password", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "Sign in with a password instead" }).click();
  await expect(page).toHaveURL(/method=password/);
  await submitPasswordSignIn(page, "nobody@settings.e2e.test", "whatever password");
  await expect(page.getByRole("alert").filter({ hasText: "That email and password do not match an account." })).toBeVisible();
  await page.getByRole("textbox", { name: "Email" }).fill("not an address");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Enter a valid email address" })).toBeVisible();
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("whatever password");
});

test("a member without a password sets one through the emailed link, then signs in with it", async ({ page }) => {
  const email = "setpw@settings.e2e.test";
  const password = "my new settings passphrase";
  await followSignInLink(page, await requestSignInLink(page, email));
  await expect(page.getByRole("status").filter({ hasText: PASSWORD_REQUIRED })).toBeVisible();
  await page.getByRole("link", { name: "profile" }).click();
  await expect(page.getByTestId("password-status")).toHaveText("Not set");

  const mail = await awaitNewMail(email, async () => {
    await page.getByRole("button", { name: "Set password" }).click();
    await expect(page.getByRole("status").filter({ hasText: `We sent a link to ${email}` })).toBeVisible();
  });
  const link = mail.text.match(/https?:\/\/\S+\/set-password\?\S+/)?.[0];
  expect(link).toBeTruthy();
  await page.goto(link!);
  await expect(page.getByRole("heading", { name: "Set your password" })).toBeVisible();

  const fresh = page.getByLabel("New password");
  const confirm = page.getByLabel("Confirm password");
  await fresh.fill("too short");
  await confirm.fill("too short");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Use at least 12 characters." })).toBeVisible();
  await fresh.fill(password);
  await confirm.fill(`${password}?`);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The two passwords do not match." })).toBeVisible();
  await expect(fresh).toHaveValue(password);
  await confirm.fill(password);
  await page.getByRole("button", { name: "Set password" }).click();

  await expect(page).toHaveURL(/\/login\?method=password&notice=password-set$/);
  await expect(page.getByRole("status").filter({ hasText: "Your password is set." })).toBeVisible();
  await submitPasswordSignIn(page, email, password);
  await expect(page).toHaveURL(/\/t\/settings-locked$/);
  await expect(page.getByRole("heading", { name: "Settings Locked" })).toBeVisible();

  // The link worked once.
  await page.goto(link!);
  await expect(page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
});

test("switching magic-link login off sends members' magic-link sessions to the password sign-in on their next request", async ({ page, browser }) => {
  const member = await browser.newContext();
  const memberPage = await member.newPage();
  await signIn(memberPage, "tmember@settings.e2e.test");
  await expect(memberPage).toHaveURL(/\/t\/settings-toggle$/);

  await signInWithPassword(page, "toggler@settings.e2e.test", SETTINGS_PASSWORDS.toggler);
  await page.goto("/t/settings-toggle/settings");
  const toggle = page.getByRole("switch", { name: "Magic link login" });
  await expect(toggle).toBeChecked();
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  // The switch shows the new state at once and is disabled until the server has saved it.
  await expect(toggle).toBeEnabled();
  await page.reload();
  await expect(page.getByRole("switch", { name: "Magic link login" })).not.toBeChecked();

  await memberPage.reload();
  await expect(memberPage).toHaveURL(/\/login\?method=password&reason=tenant-requires-password/);
  await expect(memberPage.getByText("Settings Toggle")).toHaveCount(0);
  await member.close();
});
