import { expect, test } from "@playwright/test";
import { SETTINGS_PASSWORDS } from "../seed/settings";
import { signInWithPassword } from "../support/password";

// Only the Run list is left set while the spec runs (its own address stays in Edit): nothing else in
// settings-main runs flows; it ends with every list empty again.
test("an Admin's IP allow-lists: a bad block is refused by its field, a list without their address needs confirming", async ({ page }) => {
  await signInWithPassword(page, "admin@settings.e2e.test", SETTINGS_PASSWORDS.admin);
  await page.goto("/t/settings-main/settings");
  const section = page.getByRole("region", { name: "IP allow-lists" });
  const address = (await section.getByTestId("your-address").textContent())!.trim();
  expect(address).not.toBe("unknown");
  const run = section.getByRole("textbox", { name: "Run" });
  const edit = section.getByRole("textbox", { name: "Edit" });
  const save = section.getByRole("button", { name: "Save IP allow-lists" });

  await edit.fill(`${address}\n10.0.0.300`);
  await save.click();
  await expect(section.getByRole("alert").filter({ hasText: "Not an IPv4 or IPv6 address or CIDR block: 10.0.0.300" })).toBeVisible();
  await expect(edit).toHaveAttribute("aria-invalid", "true");
  await expect(edit).toHaveValue(`${address}\n10.0.0.300`);

  await edit.fill(address);
  await run.fill("192.0.2.0/24");
  await save.click();
  await expect(section.getByRole("alert").filter({ hasText: `This list does not include your address (${address}): Run.` })).toBeVisible();
  await section.getByRole("checkbox", { name: "Save even though my address is not included" }).check();
  await save.click();
  await expect(section.getByRole("status").filter({ hasText: "IP allow-lists saved." })).toBeVisible();
  await expect(run).toHaveValue("192.0.2.0/24");
  await expect(edit).toHaveValue(/\/(32|128)$/);

  // Back to no restriction.
  await run.fill("");
  await edit.fill("");
  await save.click();
  await expect(section.getByRole("status").filter({ hasText: "IP allow-lists saved." })).toBeVisible();
  await expect(run).toHaveValue("");
});
