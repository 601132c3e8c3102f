import { expect, test } from "@playwright/test";
import { signIn } from "../support/sign-in";

test("a superadmin enters a tenant they do not belong to: a banner on every page, Admin powers", async ({ page }) => {
  await signIn(page, "root@admin.e2e.test");
  await expect(page).toHaveURL(/\/t\/admin-home$/);
  // In their own tenant they are a member: no banner.
  await expect(page.getByRole("region", { name: "Superadmin access" })).toHaveCount(0);

  await page.getByRole("link", { name: "Admin", exact: true }).click();
  await page.getByRole("searchbox", { name: "Search" }).fill("Visited");
  // The search settles into the URL first (a late settle would replace the page we open next).
  await expect(page).toHaveURL(/\/admin\?q=Visited$/);
  await page.getByRole("row", { name: /Visited Inc/ }).getByRole("link", { name: "Visited Inc" }).click();
  await expect(page).toHaveURL(/\/t\/admin-visited$/);
  const banner = page.getByRole("region", { name: "Superadmin access" });
  await expect(banner).toContainText("You are in Visited Inc as a superadmin");
  await expect(banner).toContainText("recorded in this tenant's activity log");
  await expect(page.getByTestId("my-roles")).toHaveText("Admin");

  // Every page of the tenant shows it (the page views are recorded: tests/admin/superadmin-access.test.ts).
  await page.getByRole("link", { name: "Flows" }).click();
  await expect(page.getByRole("heading", { name: "Flows" })).toBeVisible();
  await expect(banner).toBeVisible();
  await expect(page.getByRole("button", { name: "Create flow" })).toBeVisible();

  await banner.getByRole("link", { name: "Back to admin" }).click();
  await expect(page.getByRole("heading", { name: "Tenants" })).toBeVisible();

  // The tenant's own Admin finds the visit in their activity log, page by page.
  await page.context().clearCookies();
  await signIn(page, "owner@admin.e2e.test");
  await page.goto("/t/admin-visited/activity?action=superadmin.viewed");
  const log = page.getByRole("table", { name: "Activity" });
  await expect(log.getByText("root@admin.e2e.test viewed /t/admin-visited/flows as superadmin")).toBeVisible();
  await expect(log.getByText("root@admin.e2e.test viewed /t/admin-visited as superadmin")).toBeVisible();
});

test("/admin answers 404 to tenant Admins, members and signed-out visitors, whatever the URL", async ({ page }) => {
  for (const path of ["/admin", "/admin/users", "/admin/no-such-page"]) {
    expect((await page.goto(path))?.status(), `${path} signed out`).toBe(404);
  }
  await signIn(page, "owner@admin.e2e.test");
  await expect(page.getByRole("link", { name: "Admin", exact: true })).toHaveCount(0);
  for (const path of ["/admin", "/admin/users", "/admin/no-such-page"]) {
    expect((await page.goto(path))?.status(), `${path} as a tenant Admin`).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  // Nor does the tenant of someone else open for them.
  expect((await page.goto("/t/admin-capped"))?.status()).toBe(404);
});

test("the users table: flags per user, saved and kept", async ({ page }) => {
  await signIn(page, "root@admin.e2e.test");
  await page.goto("/admin/users?q=admin.e2e.test");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  const editorRow = page.getByRole("row", { name: /editor@admin\.e2e\.test/ });
  const canCreate = editorRow.getByRole("switch", { name: "Can create tenants" });
  await expect(canCreate).toHaveAttribute("aria-checked", "false");
  await canCreate.click();
  await expect(canCreate).toHaveAttribute("aria-checked", "true");
  // Enabled again once the server answered (it is disabled while saving).
  await expect(canCreate).toBeEnabled();
  await page.reload();
  await expect(canCreate).toHaveAttribute("aria-checked", "true");
  await canCreate.click();
  await expect(canCreate).toHaveAttribute("aria-checked", "false");
  await expect(canCreate).toBeEnabled();

  const limit = editorRow.getByRole("spinbutton", { name: "Tenant limit" });
  await limit.fill("");
  await editorRow.getByRole("button", { name: "Save tenant limit" }).click();
  await expect(editorRow.getByRole("alert")).toContainText("whole number");
  await limit.fill("3");
  await editorRow.getByRole("button", { name: "Save tenant limit" }).click();
  await expect(editorRow.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await expect(limit).toHaveValue("3");
});
