import { expect, test } from "@playwright/test";
import { signIn, signOut } from "../support/sign-in";

test("switching tenant moves there, and the choice survives refresh, a new tab and signing in again", async ({ page, context }) => {
  await signIn(page, "alice@acme.test");

  const menu = page.getByRole("menu");
  // A click before the page has hydrated does nothing (the menu is client-side): click again until it opens.
  await expect(async () => {
    await page.getByRole("button", { name: "Switch tenant" }).click();
    await expect(menu).toBeVisible({ timeout: 1_000 });
  }).toPass();
  // Only Alice's own tenants are listed.
  await expect(menu.getByRole("menuitem")).toHaveText(["Acme Corp", "Globex"]);

  await menu.getByRole("menuitem", { name: "Globex" }).click();
  await expect(page).toHaveURL(/\/t\/globex$/);
  await expect(page.getByRole("heading", { name: "Globex" })).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { name: "Globex" })).toBeVisible();

  const tab = await context.newPage();
  await tab.goto("/");
  await expect(tab).toHaveURL(/\/t\/globex$/);
  await tab.close();

  await signOut(page);
  await signIn(page, "alice@acme.test");
  await expect(page).toHaveURL(/\/t\/globex$/);

  // And back, by keyboard this time.
  await page.getByRole("button", { name: "Switch tenant" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem", { name: "Globex" })).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(page.getByRole("menuitem", { name: "Acme Corp" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/t\/acme$/);
});

test("the overview shows the tenant's name, id, the caller's roles and the member count", async ({ page }) => {
  await signIn(page, "peter@initech.test");
  await expect(page).toHaveURL(/\/t\/initech$/);
  await expect(page.getByRole("heading", { name: "Initech" })).toBeVisible();
  await expect(page.getByTestId("tenant-id")).toHaveText(/^[0-9a-f-]{36}$/);
  await expect(page.getByTestId("my-roles")).toHaveText("Viewer, Editor");
  await expect(page.getByTestId("member-count")).toHaveText("2");
});
