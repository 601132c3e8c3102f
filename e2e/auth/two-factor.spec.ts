import { expect, test } from "@playwright/test";
import { followSignInLink, requestSignInLink, signIn, signOut } from "../support/sign-in";
import { enrolOnProfile, nextCode } from "../support/two-factor";

// Two-factor (issue 15, item 3): codes are computed here from the secret the profile shows, as an
// authenticator app would.

test("enrol from the profile, sign out, sign in by magic link: a code is asked for before the tenant opens", async ({ page }) => {
  const email = "enrol@twofactor.e2e.test";
  await signIn(page, email);
  await page.goto("/profile");
  const secret = await enrolOnProfile(page);

  await page.reload();
  await expect(page.getByRole("region", { name: "Two-factor authentication" }).getByTestId("recovery-codes-left")).toHaveText("10");
  await signOut(page);

  await followSignInLink(page, await requestSignInLink(page, email));
  await expect(page).toHaveURL(/\/login\/two-factor\?callbackUrl=/);
  await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
  // The session is not usable yet: the tenant sends it back to the code.
  await page.goto("/t/twofactor-open/members");
  await expect(page).toHaveURL(/\/login\/two-factor\?callbackUrl=%2Ft%2Ftwofactor-open%2Fmembers$/);

  await page.getByRole("textbox", { name: "Code" }).fill("123");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("textbox", { name: "Code" })).toHaveAccessibleDescription(/not valid/);
  await page.getByRole("textbox", { name: "Code" }).fill(nextCode(secret));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/t\/twofactor-open\/members$/);
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();

  // With two-factor on, the Admin may require it of the whole tenant.
  await page.goto("/t/twofactor-open/settings");
  await page.getByRole("combobox", { name: "Require two-factor" }).selectOption({ label: "Everyone" });
  await page.getByRole("button", { name: "Save two-factor requirement" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Two-factor requirement saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Require two-factor" })).toHaveValue("everyone");
});

test("a tenant that requires two-factor sends a member without it to enrol first, then lets them in", async ({ page }) => {
  await followSignInLink(page, await requestSignInLink(page, "bare@twofactor.e2e.test"));
  await expect(page).toHaveURL(/\/profile\?reason=two-factor-required&for=twofactor-required$/);
  await expect(page.getByRole("status").filter({ hasText: "This tenant requires two-factor authentication. Set it up to continue." })).toBeVisible();
  // Any page of the tenant is refused, not only its overview.
  await page.goto("/t/twofactor-required/members");
  await expect(page).toHaveURL(/\/profile\?reason=two-factor-required/);
  await expect(page.getByRole("heading", { name: "Members" })).toHaveCount(0);

  await enrolOnProfile(page);
  await page.goto("/t/twofactor-required/members");
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
});
