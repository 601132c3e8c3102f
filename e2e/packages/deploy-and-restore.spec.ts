import { expect, test } from "@playwright/test";
import { signIn } from "../support/sign-in";

test("an Admin deploys a Development flow to Production, then restores what a second deploy overwrote", async ({ page }) => {
  // Two deploys, a rename and a restore, each a round trip and a page refresh: longer than one action.
  test.setTimeout(180_000);
  await signIn(page, "admin@packages.e2e.test");
  await page.goto("/t/release-team/flows");
  const environments = page.getByRole("navigation", { name: "Environment" });

  // A flow made in Development is listed there only.
  await environments.getByRole("link", { name: "Development" }).click();
  await expect(page).toHaveURL(/env=development/);
  await page.getByRole("textbox", { name: "Name" }).fill("Invoice sync");
  await page.getByRole("button", { name: "Create flow" }).click();
  await expect(page.getByRole("status")).toHaveText("Created the flow Invoice sync.");
  await environments.getByRole("link", { name: "Production" }).click();
  await expect(page.getByRole("link", { name: "Invoice sync" })).toHaveCount(0);

  // Package it and deploy it to Production.
  await page.goto("/t/release-team/packages?env=development");
  await page.getByRole("textbox", { name: "Name" }).fill("Release 1");
  await page.getByRole("checkbox", { name: "Invoice sync" }).check();
  await page.getByRole("button", { name: "Create package" }).click();
  await expect(page.getByRole("status")).toHaveText("Created the package Release 1.");
  await page.getByRole("button", { name: "Deploy Release 1" }).click();
  const dialog = page.getByRole("dialog", { name: "Deploy Release 1?" });
  await dialog.getByRole("combobox", { name: "Target environment" }).selectOption({ label: "Production" });
  await dialog.getByRole("button", { name: "Deploy" }).click();
  await expect(dialog).toBeHidden();

  // In Production, the flow is renamed there; a second deploy of the same package overwrites it.
  await page.goto("/t/release-team/flows");
  await page.getByRole("link", { name: "Invoice sync" }).click();
  // The deployed flow, before its page takes input (a fill before hydration would be reset).
  await expect(page.getByRole("heading", { name: "Invoice sync", exact: true })).toBeVisible();
  await expect(page.getByText("No runs yet")).toBeVisible();
  await page.getByRole("textbox", { name: "Name" }).fill("Invoice sync (prod tweak)");
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveValue("Invoice sync (prod tweak)");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("heading", { name: "Invoice sync (prod tweak)" })).toBeVisible();
  const flowUrl = page.url();

  await page.goto("/t/release-team/packages");
  await page.getByRole("button", { name: "Deploy Release 1" }).click();
  await dialog.getByRole("combobox", { name: "Target environment" }).selectOption({ label: "Production" });
  await dialog.getByRole("button", { name: "Deploy" }).click();
  await expect(dialog).toBeHidden();

  // The history keeps what the deploy overwrote; restoring it brings the tweak back as a new version.
  await page.goto(flowUrl);
  await expect(page.getByRole("heading", { name: "Invoice sync", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "History" }).click();
  const versions = page.getByRole("list", { name: "Versions" });
  await expect(versions.getByRole("listitem").filter({ hasText: "Overwritten by a deploy" })).toHaveCount(1);
  await page.getByRole("button", { name: "Restore version 3" }).click();
  await page.getByRole("dialog", { name: "Restore version 3?" }).getByRole("button", { name: "Restore" }).click();
  await expect(page.getByRole("heading", { name: "Version 5 (current)" })).toBeVisible();
  await expect(versions.getByRole("listitem").first()).toContainText("Restored (version 3)");
  await page.getByRole("link", { name: "← Invoice sync (prod tweak)" }).click();
  await expect(page.getByRole("heading", { name: "Invoice sync (prod tweak)" })).toBeVisible();

  // Both deploys are in the tenant's log.
  await page.goto("/t/release-team/activity");
  await expect(page.getByRole("cell", { name: /deployed the package Release 1 from Development to Production: 1 created, 0 overwritten/ })).toBeVisible();
  await expect(page.getByRole("cell", { name: /deployed the package Release 1 from Development to Production: 0 created, 1 overwritten/ })).toBeVisible();

  // Deleting the package asks first; the flows it deployed stay.
  await page.goto("/t/release-team/packages");
  await page.getByRole("button", { name: "Delete Release 1" }).click();
  const deleting = page.getByRole("dialog", { name: "Delete Release 1?" });
  await deleting.getByRole("button", { name: "Delete package" }).click();
  await expect(deleting).toBeHidden();
  await expect(page.getByRole("button", { name: "Deploy Release 1" })).toHaveCount(0);
  await page.goto("/t/release-team/flows");
  await expect(page.getByRole("link", { name: "Invoice sync (prod tweak)" })).toBeVisible();
});
