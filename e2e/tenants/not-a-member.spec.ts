import { expect, test } from "@playwright/test";
import { signIn } from "../support/sign-in";

test("a tenant the caller does not belong to answers 404, like one that does not exist", async ({ page }) => {
  await signIn(page, "bob@acme.test");

  const foreign = await page.goto("/t/globex");
  expect(foreign?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText("Globex")).toHaveCount(0);

  const missing = await page.goto("/t/no-such-tenant");
  expect(missing?.status()).toBe(404);

  // The switcher offers only the caller's own tenants (its action refuses others: tests/actions).
  await page.goto("/t/acme");
  await expect(page.getByRole("menuitem")).toHaveCount(0);
  await page.getByRole("button", { name: "Switch tenant" }).click();
  await expect(page.getByRole("menuitem")).toHaveText(["Acme Corp"]);
});

test("signed out, any tenant URL goes to sign-in without saying whether it exists", async ({ page }) => {
  await page.goto("/t/globex");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Ft%2Fglobex/);
  await page.goto("/t/no-such-tenant");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Ft%2Fno-such-tenant/);
});
