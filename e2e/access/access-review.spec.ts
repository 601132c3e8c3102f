// An Admin opens the access review from the tenant nav, filters to members without two-factor (the
// filter lives in the address), and exports exactly those rows as CSV. A Viewer has no such link and
// gets a 404 at the address.
import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { expect, test } from "@playwright/test";
import { ACCESS_PEOPLE } from "../seed/access";
import { signIn } from "../support/sign-in";

const SLUG = "access-review";

test("an Admin filters the access review to members without two-factor and exports them as CSV", async ({ page }) => {
  await signIn(page, ACCESS_PEOPLE.admin);
  await page.goto(`/t/${SLUG}`);
  await page.getByRole("navigation", { name: "Tenant" }).getByRole("link", { name: "Access", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Access", exact: true })).toBeVisible();
  const table = page.getByRole("table", { name: "Access review" });
  const adminRow = table.getByRole("row", { name: new RegExp(ACCESS_PEOPLE.admin.replace(/\./g, "\\.")) });
  // Her own sign-in a moment ago, her permissions (the catalog's, e.g. members.manage), two-factor off.
  await expect(adminRow.getByRole("list", { name: `Permissions of ${ACCESS_PEOPLE.admin}` }).getByText("members.manage")).toBeVisible();
  await expect(adminRow.getByRole("cell", { name: /UTC$/ }).first()).toBeVisible();
  await expect(table.getByRole("row", { name: new RegExp(ACCESS_PEOPLE.invited.replace(/\./g, "\\.")) })).toContainText("Not yet joined");

  await page.getByRole("search", { name: "Filter access review" }).getByLabel("Two-factor").selectOption("off");
  await expect(page).toHaveURL((url) => url.search === "?twoFactor=off");
  // The invited member's account is not the tenant's to judge: neither two-factor filter shows it.
  await expect(table.getByRole("row", { name: new RegExp(ACCESS_PEOPLE.invited.replace(/\./g, "\\.")) })).toHaveCount(0);
  await expect(table.getByRole("row", { name: new RegExp(ACCESS_PEOPLE.viewer.replace(/\./g, "\\.")) })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^access-${SLUG}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const rows = parse(fs.readFileSync((await download.path())!, "utf8"), { columns: true }) as Record<string, string>[];
  expect(rows.map((row) => row.email)).toEqual([ACCESS_PEOPLE.admin, ACCESS_PEOPLE.viewer]);
  expect(rows.every((row) => row.two_factor === "off")).toBe(true);
  expect(rows[0]).toMatchObject({ groups: "Admin", status: "active" });
  expect(rows[0]!.last_sign_in_utc).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  expect(rows[1]!.permissions).toBe("tenant.read members.read activity.read flows.read settings.read credentials.read tables.read connections.read dashboards.read");
});

test("a Viewer has no Access link and the address answers 404", async ({ page }) => {
  await signIn(page, ACCESS_PEOPLE.viewer);
  await expect(page.getByRole("navigation", { name: "Tenant" }).getByRole("link", { name: "Members" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Tenant" }).getByRole("link", { name: "Access", exact: true })).toHaveCount(0);
  const response = await page.goto(`/t/${SLUG}/access`);
  expect(response?.status()).toBe(404);
});
