import { expect, test } from "@playwright/test";
import { signIn } from "../support/sign-in";

test("an Editor creates, runs, renames and deletes a flow", async ({ page }) => {
  await signIn(page, "editor@flows.e2e.test");
  await page.getByRole("link", { name: "Flows" }).click();
  await expect(page.getByRole("heading", { name: "Flows" })).toBeVisible();
  await expect(page.getByTestId("flow-usage")).toHaveText("1 of 10 flows");

  // Create: a name and a declared sequence of steps.
  await page.getByRole("textbox", { name: "Name" }).fill("Customer onboarding");
  await page.getByRole("combobox", { name: "Step 2" }).selectOption({ label: "Notify the tenant's members" });
  await page.getByRole("combobox", { name: "Step 3" }).selectOption({ label: "No step" });
  await page.getByRole("button", { name: "Create flow" }).click();
  await expect(page.getByRole("status")).toHaveText("Created the flow Customer onboarding.");
  await expect(page.getByTestId("flow-usage")).toHaveText("2 of 10 flows");

  // The same name again is refused next to the field, and what was typed stays.
  await page.getByRole("textbox", { name: "Name" }).fill("Customer onboarding");
  await page.getByRole("button", { name: "Create flow" }).click();
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("A flow with this name already exists in this tenant.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveValue("Customer onboarding");

  // Run it: the run is recorded with who, status and each step's output.
  await page.getByRole("link", { name: "Customer onboarding" }).click();
  await expect(page.getByRole("heading", { name: "Customer onboarding" })).toBeVisible();
  await expect(page.getByText("No runs yet")).toBeVisible();
  await page.getByRole("button", { name: "Run flow" }).click();
  await expect(page.getByRole("status")).toContainText("Run succeeded in");
  const runs = page.getByRole("table", { name: "Runs" });
  await expect(runs.getByRole("row")).toHaveCount(2);
  const run = runs.getByRole("row").nth(1);
  await expect(run).toContainText("editor@flows.e2e.test");
  await expect(run).toContainText("Succeeded");
  await run.getByText("Step log (2)").click();
  await expect(run).toContainText("Payload is valid (2 fields)");
  await expect(run).toContainText("Notification prepared for 2 members of Flow Team");

  // Rename.
  await page.getByRole("textbox", { name: "Name" }).fill("Customer welcome");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("heading", { name: "Customer welcome" })).toBeVisible();

  // Delete, after confirming.
  await page.getByRole("button", { name: "Delete flow" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete Customer welcome?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/t\/flows-team\/flows$/);
  await expect(page.getByTestId("flow-usage")).toHaveText("1 of 10 flows");
  await expect(page.getByRole("link", { name: "Customer welcome" })).toHaveCount(0);
});

test("a Viewer reads flows and their runs but cannot change or run them", async ({ page }) => {
  await signIn(page, "viewer@flows.e2e.test");
  await page.goto("/t/flows-team/flows");
  await expect(page.getByRole("link", { name: "Nightly export" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create flow" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Run" })).toHaveCount(0);

  await page.getByRole("link", { name: "Nightly export" }).click();
  await expect(page.getByRole("heading", { name: "Nightly export" })).toBeVisible();
  await expect(page.getByRole("list").filter({ hasText: "Validate the payload" })).toContainText("Compute a checksum");
  for (const name of ["Run flow", "Delete flow", "Rename"]) await expect(page.getByRole("button", { name })).toHaveCount(0);

  // Unknown and malformed flow ids are plain 404s.
  for (const id of ["00000000-0000-0000-0000-000000000000", "not-a-uuid"]) {
    expect((await page.goto(`/t/flows-team/flows/${id}`))?.status()).toBe(404);
  }
});
