import { expect, test } from "@playwright/test";
import { followSignInLink, requestSignInLink, signIn } from "../support/sign-in";

test("creates a tenant with a suggested slug and lands in it as Admin; at the limit, the action and the page say why", async ({ page, context }) => {
  await followSignInLink(page, await requestSignInLink(page, "creator@settings.e2e.test"));
  await expect(page.getByRole("heading", { name: "No tenants yet" })).toBeVisible();
  await page.getByRole("link", { name: "Create tenant" }).click();
  await expect(page).toHaveURL(/\/tenants\/new$/);
  await expect(page.getByText("You own 0 of the 1 tenant your account may create.")).toBeVisible();

  // A second tab, opened while the user is still below the limit.
  const second = await context.newPage();
  await second.goto("/tenants/new");

  await page.getByRole("textbox", { name: "Name" }).fill("Settings Created Co");
  await expect(page.getByRole("textbox", { name: "Slug" })).toHaveValue("settings-created-co");
  await page.getByRole("button", { name: "Create tenant" }).click();
  await expect(page).toHaveURL(/\/t\/settings-created-co$/);
  await expect(page.getByRole("heading", { name: "Settings Created Co" })).toBeVisible();
  await expect(page.getByTestId("my-roles")).toHaveText("Admin");

  await second.getByRole("textbox", { name: "Name" }).fill("One Too Many");
  await second.getByRole("button", { name: "Create tenant" }).click();
  await expect(second.getByRole("alert").filter({ hasText: "You already own 1 tenant, and your limit is 1 tenant." })).toBeVisible();
  await expect(second.getByRole("textbox", { name: "Name" })).toHaveValue("One Too Many");
  await expect(second.getByRole("textbox", { name: "Slug" })).toHaveValue("one-too-many");

  // Coming back to the page, the reason is there before typing anything.
  await second.reload();
  await expect(second.getByRole("status").filter({ hasText: "You already own 1 tenant" })).toBeVisible();
  await expect(second.getByRole("button", { name: "Create tenant" })).toBeDisabled();
});

test("bad input gets inline messages and keeps what was typed; a taken slug is refused on the slug field", async ({ page }) => {
  await followSignInLink(page, await requestSignInLink(page, "creator2@settings.e2e.test"));
  await page.goto("/tenants/new");
  const name = page.getByRole("textbox", { name: "Name" });
  const slug = page.getByRole("textbox", { name: "Slug" });

  await slug.fill("Not A Slug!");
  await page.getByRole("button", { name: "Create tenant" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Enter a name for the tenant." })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "lower-case letters, digits and hyphens" })).toBeVisible();
  await expect(slug).toHaveValue("Not A Slug!");
  await expect(slug).toHaveAttribute("aria-invalid", "true");

  // Once edited by hand, the slug no longer follows the name.
  await name.fill("Acme Again");
  await expect(slug).toHaveValue("Not A Slug!");
  await slug.fill("acme");
  await page.getByRole("button", { name: "Create tenant" }).click();
  await expect(page.getByRole("alert").filter({ hasText: '"acme" is taken' })).toBeVisible();
  await expect(name).toHaveValue("Acme Again");
  await expect(slug).toHaveValue("acme");

  // Names are unique regardless of case and spacing: "acme  CORP" is the demo's "Acme Corp" (issue 15).
  await name.fill("acme  CORP");
  await slug.fill("acme-corp-copy");
  await page.getByRole("button", { name: "Create tenant" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "A tenant with this name already exists." })).toBeVisible();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveValue("acme  CORP");
});

test("a user who may not create tenants has no link to it, and the page says why", async ({ page }) => {
  await signIn(page, "nocreate@settings.e2e.test");
  await expect(page.getByRole("button", { name: "Switch tenant" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Create tenant" })).toHaveCount(0);
  await page.goto("/tenants/new");
  await expect(page.getByRole("status").filter({ hasText: "not allowed to create tenants" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create tenant" })).toBeDisabled();
});
