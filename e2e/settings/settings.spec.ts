import { expect, test } from "@playwright/test";
import { SETTINGS_PASSWORDS } from "../seed/settings";
import { signInWithPassword } from "../support/password";
import { signIn } from "../support/sign-in";

test("an Admin renames the tenant and sets its contact email; bad input is refused inline and kept", async ({ page, context }) => {
  await signInWithPassword(page, "admin@settings.e2e.test", SETTINGS_PASSWORDS.admin);
  await page.goto("/t/settings-main/settings");
  const general = page.getByRole("region", { name: "General" });
  const contact = general.getByRole("textbox", { name: "Contact email" });
  const name = general.getByRole("textbox", { name: "Name" });

  await name.fill("");
  await contact.fill("ops at settings");
  await general.getByRole("button", { name: "Save changes" }).click();
  await expect(general.getByRole("alert").filter({ hasText: "Enter a name for the tenant." })).toBeVisible();
  await expect(general.getByRole("alert").filter({ hasText: "Enter a valid email address" })).toBeVisible();
  await expect(contact).toHaveValue("ops at settings");
  await expect(name).toHaveValue("");

  await name.fill("Settings Main Renamed");
  await contact.fill("Team@Settings.e2e.test");
  await general.getByRole("button", { name: "Save changes" }).click();
  await expect(general.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  await expect(contact).toHaveValue("team@settings.e2e.test");
  await expect(page.getByRole("navigation", { name: "Tenant" }).getByRole("link", { name: "Settings Main Renamed" })).toBeVisible();
  // The slug, and so every link to the tenant, stays.
  await expect(page).toHaveURL(/\/t\/settings-main\/settings$/);

  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await general.getByRole("button", { name: "Copy tenant ID" }).click();
  await expect(general.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
  const id = await general.getByTestId("tenant-id").textContent();
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(id);
});

test("approved domains are normalised, validated and de-duplicated, and can be removed", async ({ page }) => {
  await signInWithPassword(page, "admin@settings.e2e.test", SETTINGS_PASSWORDS.admin);
  await page.goto("/t/settings-main/settings");
  const section = page.getByRole("region", { name: "Approved domains" });
  const domain = section.getByRole("textbox", { name: "Domain" });
  const list = section.getByRole("list", { name: "Approved domains" });
  await expect(list.getByRole("listitem")).toHaveText([/settings\.e2e\.test/]);

  await domain.fill("  HTTPS://Partner.Example/jobs ");
  await section.getByRole("button", { name: "Add domain" }).click();
  await expect(list.getByText("partner.example", { exact: true })).toBeVisible();

  await domain.fill("bücher.example");
  await section.getByRole("button", { name: "Add domain" }).click();
  await expect(list.getByText("xn--bcher-kva.example", { exact: true })).toBeVisible();

  await domain.fill("@PARTNER.example");
  await section.getByRole("button", { name: "Add domain" }).click();
  await expect(section.getByRole("alert").filter({ hasText: "partner.example is already approved." })).toBeVisible();
  await expect(domain).toHaveValue("@PARTNER.example");

  await domain.fill("not a domain");
  await section.getByRole("button", { name: "Add domain" }).click();
  await expect(section.getByRole("alert").filter({ hasText: "Enter a domain name like example.com" })).toBeVisible();
  await expect(domain).toHaveValue("not a domain");
  await expect(domain).toHaveAttribute("aria-invalid", "true");

  await section.getByRole("button", { name: "Remove partner.example" }).click();
  await expect(list.getByText("partner.example", { exact: true })).toHaveCount(0);
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await page.reload();
  await expect(page.getByRole("region", { name: "Approved domains" }).getByRole("listitem")).toHaveText([/settings\.e2e\.test/, /xn--bcher-kva\.example/]);
});

test("a Viewer sees the settings read-only, with no way to change them", async ({ page }) => {
  await signIn(page, "viewer@settings.e2e.test");
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await expect(page.getByText("Only Admins can change these settings.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Contact email" })).toHaveAttribute("readonly", "");
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveAttribute("readonly", "");
  await expect(page.getByRole("region", { name: "Approved domains" }).getByRole("listitem").first()).toBeVisible();
  await expect(page.getByRole("switch", { name: "Magic link login" })).toBeDisabled();
  for (const button of ["Save changes", "Add domain", "Delete tenant"]) {
    await expect(page.getByRole("button", { name: button })).toHaveCount(0);
  }
  await expect(page.getByRole("button", { name: /^Remove / })).toHaveCount(0);
});
