// Company sign-in (issue 15, item 2): /login/<slug> fills Company, applies the tenant's policy up front
// and lands there.
import { expect, test } from "@playwright/test";
import { SETTINGS_PASSWORDS } from "../seed/settings";
import { awaitNewMail, signInLinkIn } from "../support/mail";
import { submitPasswordSignIn } from "../support/password";
import { followSignInLink } from "../support/sign-in";

test("/login/acme fills Company; a magic link asked for there lands in Acme, not where the sign-in was going", async ({ page }) => {
  await page.goto("/login/acme?callbackUrl=%2Fprofile");
  const company = page.getByRole("textbox", { name: "Company" });
  await expect(company).toHaveValue("acme");
  await expect(company).toHaveAccessibleDescription("Your company's short name, e.g. acme");
  const mail = await awaitNewMail("bob@acme.test", async () => {
    await page.getByRole("textbox", { name: "Email" }).fill("bob@acme.test");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  });
  await followSignInLink(page, signInLinkIn(mail));
  await expect(page).toHaveURL(/\/t\/acme$/);
  await expect(page.getByRole("heading", { name: "Acme Corp" })).toBeVisible();
});

test("a password-only company shows the password sign-in only, and lands its member there", async ({ page }) => {
  await page.goto("/login/settings-locked");
  await expect(page.getByRole("textbox", { name: "Company" })).toHaveValue("settings-locked");
  await expect(page.getByRole("button", { name: "Email me a sign-in link" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Use an email link instead" })).toHaveCount(0);
  await submitPasswordSignIn(page, "pwonly@settings.e2e.test", SETTINGS_PASSWORDS.pwonly);
  await expect(page).toHaveURL(/\/t\/settings-locked$/);
});

test("/login keeps today's flow, with Company empty and optional", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("textbox", { name: "Company" })).toHaveValue("");
  await expect(page.getByRole("button", { name: "Email me a sign-in link" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in with a password instead" })).toBeVisible();
});
