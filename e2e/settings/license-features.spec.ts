import { expect, test } from "@playwright/test";
import { signIn } from "../support/sign-in";

const TEAM_NEEDED = /The Team license or higher is needed for adding approved domains\. This tenant has the Free license/;
const ENTERPRISE_NEEDED = /The Enterprise license or higher is needed for switching magic-link login off/;
const EXPORT_NEEDED = /The Team license or higher is needed for exporting the activity log as CSV\. This tenant has the Free license/;

test("a Free tenant's Admin sees the paid controls disabled, each with the license it needs; what was set up stays removable", async ({ page }) => {
  await signIn(page, "free-admin@settings.e2e.test");
  await page.goto("/t/settings-free/settings");

  const domains = page.getByRole("region", { name: "Approved domains" });
  const add = domains.getByRole("button", { name: "Add domain" });
  await expect(add).toBeDisabled();
  await expect(domains.getByRole("textbox", { name: "Domain" })).toBeDisabled();
  await expect(add).toHaveAccessibleDescription(TEAM_NEEDED);
  await expect(domains.getByText(TEAM_NEEDED)).toBeVisible();
  // Approved before the downgrade: still listed, still removable (relaxing is allowed).
  await expect(domains.getByRole("button", { name: "Remove settings.e2e.test" })).toBeEnabled();

  const login = page.getByRole("region", { name: "Login" });
  const magicLink = login.getByRole("switch", { name: "Magic link login" });
  await expect(magicLink).toBeChecked();
  await expect(magicLink).toBeDisabled();
  await expect(magicLink).toHaveAccessibleDescription(ENTERPRISE_NEEDED);
  await expect(login.getByText(ENTERPRISE_NEEDED)).toBeVisible();

  await page.goto("/t/settings-free/activity");
  const exportButton = page.getByRole("button", { name: "Export CSV" });
  await expect(exportButton).toBeDisabled();
  await expect(exportButton).toHaveAccessibleDescription(EXPORT_NEEDED);
  await expect(page.getByText(EXPORT_NEEDED)).toBeVisible();
});
