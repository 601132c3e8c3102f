// Signed out, a deep link (path and query) goes to sign-in and, once signed in, back to that very
// page, by magic link and by password (issue 18, item 2). Before, every page of a tenant sent the
// visitor back to the tenant's overview.
import { expect, test } from "@playwright/test";
import { SETTINGS_PASSWORDS } from "../seed/settings";
import { submitPasswordSignIn } from "../support/password";
import { followSignInLink } from "../support/sign-in";
import { awaitNewMail, signInLinkIn } from "../support/mail";

const DEEP_LINK = "/t/acme/members?sort=email&dir=desc";

test("a magic-link sign-in returns to the whole path and query that was asked for", async ({ page }) => {
  await page.goto(DEEP_LINK);
  await expect(page).toHaveURL(`/login?callbackUrl=${encodeURIComponent(DEEP_LINK)}`);
  const mail = await awaitNewMail("bob@acme.test", async () => {
    await page.getByRole("textbox", { name: "Email" }).fill("bob@acme.test");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  });
  await followSignInLink(page, signInLinkIn(mail));
  await expect(page).toHaveURL(DEEP_LINK);
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
});

test("a password sign-in returns to the whole path and query that was asked for", async ({ page }) => {
  const deepLink = "/t/settings-main/members?q=vera";
  await page.goto(deepLink);
  await expect(page).toHaveURL(`/login?callbackUrl=${encodeURIComponent(deepLink)}`);
  await page.getByRole("link", { name: "Sign in with a password instead" }).click();
  await submitPasswordSignIn(page, "admin@settings.e2e.test", SETTINGS_PASSWORDS.admin);
  await expect(page).toHaveURL(deepLink);
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
});

test("a client-side navigation while signed out keeps the whole path too", async ({ page }) => {
  await page.goto("/login");
  // An RSC request, as the router makes for a deep page: its redirect names the page, not the overview.
  const response = await page.request.get("/t/acme/activity?action=member.added", { headers: { rsc: "1" } });
  const answer = `${response.url()} ${JSON.stringify(response.headers())} ${await response.text()}`;
  expect(answer).toContain(`callbackUrl=${encodeURIComponent("/t/acme/activity?action=member.added")}`);
});
