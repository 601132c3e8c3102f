// Issue 13, item 4: a superadmin sets a tenant's flow-run quota and API limit in /admin; the tenant's
// Admin sees them, and what was used, on the Usage page; a run past the quota is refused next to the
// Run button; an Editor has no Usage page.
import { expect, test } from "@playwright/test";
import { signIn } from "../support/sign-in";

test("a superadmin sets a tenant's limits; its Admin sees them and the day's usage on the Usage page", async ({ browser }) => {
  const rootContext = await browser.newContext();
  const root = await rootContext.newPage();
  await signIn(root, "root@admin.e2e.test");
  await root.goto("/admin?q=Metered");
  const row = root.getByRole("row", { name: /Metered Ltd/ });
  await expect(row.getByRole("spinbutton", { name: "API requests/min" })).toHaveValue("");
  await row.getByRole("spinbutton", { name: "API requests/min" }).fill("0");
  await row.getByRole("button", { name: "Save API requests/min" }).click();
  await expect(row.getByRole("alert")).toHaveText("Enter a whole number from 1 to 1,000,000, or leave it empty for no limit.");
  await row.getByRole("spinbutton", { name: "API requests/min" }).fill("120");
  await row.getByRole("button", { name: "Save API requests/min" }).click();
  await expect(row.getByRole("status")).toHaveText("Saved.");
  await row.getByRole("spinbutton", { name: "Flow runs/30 days" }).fill("1");
  await row.getByRole("button", { name: "Save flow runs/30 days" }).click();
  await expect(row.getByRole("status").last()).toHaveText("Saved.");
  await expect(row.getByRole("columnheader")).toHaveCount(0);
  await expect(root.getByRole("columnheader", { name: "Usage this month" })).toBeVisible();
  await expect(row.getByRole("link", { name: "Download usage CSV" })).toHaveAttribute("href", /^\/admin\/usage\/[0-9a-f-]{36}\?month=\d{4}-\d{2}$/);

  // The tenant's Admin runs its flow once; the second run is refused beside the Run button.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "metered@admin.e2e.test");
  await admin.getByRole("link", { name: "Flows" }).click();
  await admin.getByRole("button", { name: "Run", exact: true }).click();
  await expect(admin.getByRole("status")).toContainText("Run succeeded in");
  await admin.reload();
  await admin.getByRole("button", { name: "Run", exact: true }).click();
  await expect(admin.getByRole("alert").filter({ hasText: "flow runs" })).toContainText("This tenant has used its flow runs for the last 30 days (1 of 1).");

  await admin.getByRole("link", { name: "Usage" }).click();
  await expect(admin.getByRole("heading", { name: "Usage" })).toBeVisible();
  await expect(admin.getByTestId("usage-api-limit")).toHaveText("120");
  await expect(admin.getByTestId("usage-flow-runs")).toHaveText("1 of 1");
  const table = admin.getByRole("table", { name: "Usage per day (UTC)" });
  for (const header of ["Day", "API requests", "Flow runs", "Active members", "Credentials", "Storage"]) {
    await expect(table.getByRole("columnheader", { name: header, exact: true })).toBeVisible();
  }
  const today = new Date().toISOString().slice(0, 10);
  // Today's row: no API requests, one run, two active members, no credentials, some bytes.
  await expect(table.getByRole("row", { name: new RegExp(`^${today}`) }).getByRole("cell")).toHaveText(["0", "1", "2", "0", /\d+(\.\d)? k?B/]);
  await expect(admin.getByRole("img", { name: /^Flow runs per day from .* 1 in total/ })).toBeVisible();

  // An Editor of the tenant has no Usage link, and the page answers as if it did not exist.
  const editorContext = await browser.newContext();
  const editor = await editorContext.newPage();
  await signIn(editor, "meter-reader@admin.e2e.test");
  await expect(editor.getByRole("navigation", { name: "Tenant" }).getByRole("link", { name: "Flows" })).toBeVisible();
  await expect(editor.getByRole("link", { name: "Usage" })).toHaveCount(0);
  const response = await editor.goto("/t/admin-metered/usage");
  expect(response?.status()).toBe(404);

  // Leave the world as it was found.
  await root.reload();
  const again = root.getByRole("row", { name: /Metered Ltd/ });
  await expect(again.getByRole("spinbutton", { name: "Flow runs/30 days" })).toHaveValue("1");
  await again.getByRole("spinbutton", { name: "Flow runs/30 days" }).fill("");
  await again.getByRole("button", { name: "Save flow runs/30 days" }).click();
  await expect(again.getByRole("status")).toHaveText("Saved.");

  await Promise.all([rootContext.close(), adminContext.close(), editorContext.close()]);
});

test("a superadmin sets and clears the platform-wide API limit", async ({ page }) => {
  await signIn(page, "root@admin.e2e.test");
  await page.goto("/admin");
  const section = page.getByRole("region", { name: "Platform-wide API limit" });
  await section.getByRole("spinbutton", { name: "Platform API requests/min" }).fill("100000");
  await section.getByRole("button", { name: "Save platform API limit" }).click();
  await expect(section.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  const field = page.getByRole("region", { name: "Platform-wide API limit" }).getByRole("spinbutton", { name: "Platform API requests/min" });
  await expect(field).toHaveValue("100000");
  await field.fill("");
  await page.getByRole("button", { name: "Save platform API limit" }).click();
  await expect(page.getByRole("region", { name: "Platform-wide API limit" }).getByRole("status")).toHaveText("Saved.");
});
