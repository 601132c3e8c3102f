import { expect, test } from "@playwright/test";
import { signIn } from "../support/sign-in";

const ARCHIVED_MESSAGE = "This tenant is archived: it can be read, but nothing in it can be changed until it is restored.";

test("an Admin archives the tenant from Settings: read-only, marked in the switcher; a superadmin restores it from /admin", async ({ page, browser }) => {
  await signIn(page, "archiver@settings.e2e.test");
  await page.goto("/t/settings-archived/settings");
  await page.getByRole("button", { name: "Archive tenant" }).click();
  const dialog = page.getByRole("dialog", { name: "Archive Settings Archived?" });
  await expect(dialog).toContainText("read-only");
  await dialog.getByRole("button", { name: "Archive this tenant" }).click();
  await expect(dialog).toBeHidden();

  // Every page says so, and the switcher marks it.
  const banner = page.getByRole("region", { name: "Archived tenant" });
  await expect(banner).toContainText("Settings Archived is archived.");
  await page.getByRole("button", { name: "Switch tenant" }).click();
  await expect(page.getByRole("menuitem", { name: /Settings Archived/ })).toContainText("Archived");
  await page.keyboard.press("Escape");

  // Reading goes on; a change is refused at the form, and what was typed stays.
  await expect(page.getByRole("textbox", { name: "Contact email" })).toHaveValue("ops@settings.e2e.test");
  await page.getByRole("textbox", { name: "Contact email" }).fill("new@settings.e2e.test");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("alert").filter({ hasText: ARCHIVED_MESSAGE })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Contact email" })).toHaveValue("new@settings.e2e.test");
  await expect(page.getByRole("button", { name: "Restore tenant" })).toBeVisible();

  // A superadmin finds it under Status: Archived and restores it.
  const root = await browser.newContext();
  const rootPage = await root.newPage();
  await signIn(rootPage, "root@admin.e2e.test");
  await rootPage.goto("/admin");
  await rootPage.getByRole("combobox", { name: "Status" }).selectOption("archived");
  await expect(rootPage).toHaveURL(/status=archived/);
  const row = rootPage.getByRole("row", { name: /Settings Archived/ });
  await expect(row).toContainText("Archived");
  // Only archived tenants are listed.
  await expect(rootPage.getByRole("row", { name: /Settings Main/ })).toHaveCount(0);
  await row.getByRole("button", { name: "Restore tenant" }).click();
  const restore = rootPage.getByRole("dialog", { name: "Restore Settings Archived?" });
  await restore.getByRole("button", { name: "Restore this tenant" }).click();
  await expect(restore).toBeHidden();
  await expect(row).toHaveCount(0);
  await rootPage.getByRole("combobox", { name: "Status" }).selectOption("active");
  await expect(rootPage).toHaveURL(/status=active/);
  await rootPage.getByRole("searchbox", { name: "Search" }).fill("Settings Archived");
  await expect(rootPage.getByRole("row", { name: /Settings Archived/ }).getByRole("button", { name: "Archive tenant" })).toBeVisible();
  await root.close();

  // Restored: the Admin's change goes through, the banner and the marker are gone.
  await page.reload();
  await expect(banner).toHaveCount(0);
  await page.getByRole("textbox", { name: "Contact email" }).fill("new@settings.e2e.test");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  await page.getByRole("button", { name: "Switch tenant" }).click();
  await expect(page.getByRole("menuitem", { name: "Settings Archived" })).toHaveText("Settings Archived");
  await page.keyboard.press("Escape");
  await page.goto("/t/settings-archived/activity");
  const log = page.getByRole("table", { name: "Activity" });
  await expect(log.getByText("archiver@settings.e2e.test archived the tenant Settings Archived")).toBeVisible();
  await expect(log.getByText("root@admin.e2e.test restored the tenant Settings Archived (as superadmin)")).toBeVisible();
});
