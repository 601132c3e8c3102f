// Issue 18: "Run" in the flows list says how the run went on the flow's row, in a live region, and
// the message stays when the list refreshes with the new "Last run".
import { expect, test } from "@playwright/test";
import { markLiveRegionNear } from "../support/live-region";
import { trackRequests } from "../support/network";
import { signIn } from "../support/sign-in";

test("the list's Run keeps its outcome on the row after the list refreshes", async ({ page }) => {
  await signIn(page, "editor@flows.e2e.test");
  await page.goto("/t/flows-team/flows");
  const row = page.getByRole("row", { name: /Nightly export/ });
  const run = row.getByRole("button", { name: "Run", exact: true });
  const region = await markLiveRegionNear(run);

  const network = trackRequests(page);
  await run.click();
  await expect(row.getByRole("status")).toContainText(/Run (succeeded|failed) in/);
  await network.settled();
  // The refresh has landed (the row shows this run as its last one) and the outcome is still there,
  // in the region the row had before the run.
  await expect(row.getByRole("cell").filter({ hasText: /Never run/ })).toHaveCount(0);
  await expect(row.getByRole("status")).toContainText(/Run (succeeded|failed) in/);
  await expect(region.getByRole("status")).toContainText(/Run (succeeded|failed) in/);
  await page.waitForTimeout(500);
  await expect(region.getByRole("status")).toContainText(/Run (succeeded|failed) in/);
});

test("renaming a flow is confirmed in a live region beside the form; a refused name stays typed", async ({ page }) => {
  await signIn(page, "editor@flows.e2e.test");
  await page.goto("/t/flows-team/flows");
  await page.getByRole("textbox", { name: "Name" }).fill("Rename me");
  await page.getByRole("button", { name: "Create flow" }).click();
  await page.getByRole("link", { name: "Rename me" }).click();
  await expect(page.getByRole("heading", { name: "Rename me" })).toBeVisible();

  const name = page.getByRole("textbox", { name: "Name" });
  const rename = page.getByRole("button", { name: "Rename" });
  const region = await markLiveRegionNear(rename);

  // Taken by the seeded flow: refused next to the field, and what was typed stays.
  await name.fill("Nightly export");
  await rename.click();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription(/already exists/);
  await expect(name).toHaveValue("Nightly export");

  await name.fill("Renamed flow");
  await rename.click();
  await expect(region.getByRole("status")).toHaveText("Renamed.");
  await expect(page.getByRole("heading", { name: "Renamed flow" })).toBeVisible();
  await expect(name).toHaveValue("Renamed flow");

  // Leave the world as it was: delete it.
  await page.getByRole("button", { name: "Delete flow" }).click();
  await page.getByRole("dialog", { name: "Delete Renamed flow?" }).getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/t\/flows-team\/flows$/);
});
