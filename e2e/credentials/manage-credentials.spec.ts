// Credentials are write-only: after saving, the page shows the name, the last 4 characters and who
// changed it when, never the value; Viewers see that a credential exists, not even its last 4.
import { expect, test, type Page } from "@playwright/test";
import { KEYS_PEOPLE, KEYS_TENANT } from "../seed/credentials";
import { signIn } from "../support/sign-in";

const VALUE = "sk_live_e2e_wholevalue_7788";
const rowOf = (page: Page, name: string) => page.getByRole("row", { name: new RegExp(`^${name}\\b`) });

test("an Admin adds a credential and sees only its last 4 characters, replaces the value and deletes it", async ({ browser }) => {
  const adminContext = await browser.newContext();
  const viewerContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, KEYS_PEOPLE.admin);
  await admin.goto(`/t/${KEYS_TENANT}`);
  await admin.getByRole("link", { name: "Credentials" }).click();
  await expect(admin.getByRole("heading", { name: "Credentials", level: 1 })).toBeVisible();

  // A refusal keeps the name and description, and says what is missing next to the field.
  await admin.getByRole("textbox", { name: "Name" }).fill("Stripe live");
  await admin.getByRole("textbox", { name: "Description" }).fill("Payments");
  await admin.getByRole("button", { name: "Add credential" }).click();
  await expect(admin.getByRole("textbox", { name: "Value" })).toHaveAttribute("aria-invalid", "true");
  await expect(admin.getByText("Enter the value.")).toBeVisible();
  await expect(admin.getByRole("textbox", { name: "Name" })).toHaveValue("Stripe live");

  await admin.getByRole("textbox", { name: "Value" }).fill(VALUE);
  await admin.getByRole("button", { name: "Add credential" }).click();
  await expect(admin.getByRole("status")).toHaveText("Added the credential Stripe live.");
  const row = rowOf(admin, "Stripe live");
  await expect(row).toContainText("•••• 7788");
  await expect(row).toContainText("Payments");
  await expect(row).toContainText(KEYS_PEOPLE.admin);
  // Nowhere on the page, not in the (emptied) form, not after a reload.
  await expect(admin.getByRole("textbox", { name: "Value" })).toHaveValue("");
  expect(await admin.content()).not.toContain("wholevalue");
  await admin.reload();
  expect(await admin.content()).not.toContain("wholevalue");

  // A Viewer sees that it exists, and nothing of the value.
  const viewer = await viewerContext.newPage();
  await signIn(viewer, KEYS_PEOPLE.viewer);
  await viewer.goto(`/t/${KEYS_TENANT}/credentials`);
  await expect(rowOf(viewer, "Stripe live")).toContainText("Payments");
  await expect(rowOf(viewer, "Stripe live")).not.toContainText("7788");
  await expect(viewer.getByRole("button", { name: "Add credential" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Replace value" })).toHaveCount(0);
  await expect(viewer.getByRole("link", { name: "API keys" })).toHaveCount(0);

  // Replace the value: the new last 4 show, the old value is gone.
  await rowOf(admin, "Stripe live").getByRole("button", { name: "Replace value" }).click();
  const replace = admin.getByRole("dialog", { name: "Replace the value of Stripe live" });
  await replace.getByRole("textbox", { name: "Value" }).fill("rk_live_rotated_4321");
  await replace.getByRole("button", { name: "Save value" }).click();
  await expect(replace).toBeHidden();
  await expect(rowOf(admin, "Stripe live")).toContainText("•••• 4321");

  // Delete, after confirming.
  await rowOf(admin, "Stripe live").getByRole("button", { name: "Delete credential" }).click();
  const confirm = admin.getByRole("dialog", { name: "Delete Stripe live?" });
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(rowOf(admin, "Stripe live")).toHaveCount(0);
  await expect(admin.getByText("No credentials yet")).toBeVisible();

  await adminContext.close();
  await viewerContext.close();
});
