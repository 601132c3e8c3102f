import { expect, test } from "@playwright/test";
import { signIn } from "../support/sign-in";

test("deleting a tenant needs its exact name, and removes it for its other members on their next request", async ({ page, browser }) => {
  const bystander = await browser.newContext();
  const bystanderPage = await bystander.newPage();
  await signIn(bystanderPage, "bystander@settings.e2e.test");
  await expect(bystanderPage).toHaveURL(/\/t\/settings-doomed$/);

  await signIn(page, "deleter@settings.e2e.test");
  await page.goto("/t/settings-doomed/settings");
  await page.getByRole("button", { name: "Delete tenant" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete Settings Doomed?" });
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByRole("button", { name: "Delete this tenant" });
  const typed = dialog.getByRole("textbox", { name: "Type the tenant's name, Settings Doomed, to confirm" });
  await expect(confirm).toBeDisabled();
  await typed.fill("settings doomed");
  await expect(confirm).toBeDisabled();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("button", { name: "Delete tenant" }).click();
  await typed.fill("Settings Doomed");
  await confirm.click();
  // The deleter had no other tenant.
  await expect(page.getByRole("heading", { name: "No tenants yet" })).toBeVisible();

  const gone = await bystanderPage.reload();
  expect(gone?.status()).toBe(404);
  await bystanderPage.goto("/");
  await expect(bystanderPage).toHaveURL(/\/t\/settings-refuge$/);
  await bystanderPage.getByRole("button", { name: "Switch tenant" }).click();
  await expect(bystanderPage.getByRole("menuitem")).toHaveText(["Settings Refuge"]);
  await bystander.close();
});
