// Issue 18: a confirmed change is said where the Admin acted, in a live region the page already had
// (so screen readers announce it); a refused one keeps what was typed, with the reason on the field.
import { expect, test } from "@playwright/test";
import { SETTINGS_PASSWORDS } from "../seed/settings";
import { markLiveRegionNear } from "../support/live-region";
import { signInWithPassword } from "../support/password";

test("contact email: a bad address keeps the typed text with the error on the field; a good one is confirmed", async ({ page }) => {
  await signInWithPassword(page, "admin@settings.e2e.test", SETTINGS_PASSWORDS.admin);
  await page.goto("/t/settings-main/settings");
  const general = page.getByRole("region", { name: "General" });
  const contact = general.getByRole("textbox", { name: "Contact email" });
  const save = general.getByRole("button", { name: "Save changes" });
  const region = await markLiveRegionNear(save);
  const before = await contact.inputValue();

  await contact.fill("desk at settings");
  await save.click();
  await expect(contact).toHaveAttribute("aria-invalid", "true");
  await expect(contact).toHaveAccessibleDescription(/Enter a valid email address/);
  await expect(contact).toHaveValue("desk at settings");
  await expect(region.getByRole("status")).toHaveCount(0);

  await contact.fill("desk@settings.e2e.test");
  await save.click();
  await expect(region.getByRole("status")).toHaveText("Settings saved.");
  await expect(contact).toHaveValue("desk@settings.e2e.test");
  await expect(contact).not.toHaveAttribute("aria-invalid");

  // Put it back; the confirmation is said again in the same region.
  await contact.fill(before);
  await save.click();
  await expect(region.getByRole("status")).toHaveText("Settings saved.");
  await page.reload();
  await expect(page.getByRole("region", { name: "General" }).getByRole("textbox", { name: "Contact email" })).toHaveValue(before);
});

test("approved domains: adding and removing are confirmed beside the form; typed text survives a removal", async ({ page }) => {
  await signInWithPassword(page, "admin@settings.e2e.test", SETTINGS_PASSWORDS.admin);
  await page.goto("/t/settings-main/settings");
  const section = page.getByRole("region", { name: "Approved domains" });
  const domain = section.getByRole("textbox", { name: "Domain" });
  const add = section.getByRole("button", { name: "Add domain" });
  const list = section.getByRole("list", { name: "Approved domains" });
  const added = await markLiveRegionNear(add);

  await domain.fill("messages.example");
  await add.click();
  await expect(added.getByRole("status")).toHaveText("messages.example is approved.");
  await expect(list.getByText("messages.example", { exact: true })).toBeVisible();

  // Something typed and not yet added stays while another domain is removed and the list refreshes.
  const removed = await markLiveRegionNear(list);
  await domain.fill("typed-not-added.example");
  await section.getByRole("button", { name: "Remove messages.example" }).click();
  await expect(removed.getByRole("status")).toHaveText("messages.example is no longer approved.");
  await expect(list.getByText("messages.example", { exact: true })).toHaveCount(0);
  await expect(domain).toHaveValue("typed-not-added.example");
});
