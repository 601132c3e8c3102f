// Issue 18: in the tenants table, a saved license or flow cap is confirmed on its row in a live region
// the row already had; a refused value stays typed with the reason beside it; and a value typed on one
// row survives a save on another (the table does not re-create its rows' controls).
import { expect, test } from "@playwright/test";
import { markLiveRegionNear } from "../support/live-region";
import { trackRequests } from "../support/network";
import { signIn } from "../support/sign-in";

test("flow cap and license saves are confirmed on the row; refusals keep what was typed", async ({ page }) => {
  await signIn(page, "root@admin.e2e.test");
  await page.goto("/admin?q=Admin%20Home");
  const row = page.getByRole("row", { name: /Admin Home/ });
  const flowCap = row.getByRole("spinbutton", { name: "Flow cap" });
  const saveCap = row.getByRole("button", { name: "Save flow cap" });
  const capRegion = await markLiveRegionNear(saveCap);

  await flowCap.fill("-1");
  await saveCap.click();
  await expect(flowCap).toHaveAttribute("aria-invalid", "true");
  await expect(flowCap).toHaveAccessibleDescription(/.+/);
  await expect(flowCap).toHaveValue("-1");
  await expect(capRegion.getByRole("status")).toHaveCount(0);

  await flowCap.fill("6");
  await saveCap.click();
  await expect(capRegion.getByRole("status")).toHaveText("Saved.");
  await expect(flowCap).toHaveValue("6");

  const license = row.getByRole("combobox", { name: "License" });
  const saveLicense = row.getByRole("button", { name: "Save license" });
  const licenseRegion = await markLiveRegionNear(saveLicense);
  await license.selectOption({ label: "Team" });
  await saveLicense.click();
  await expect(licenseRegion.getByRole("status")).toHaveText("Saved; flow cap is now 50.");
  await expect(flowCap).toHaveValue("50");
  // Back to how the world was.
  await license.selectOption({ label: "Free" });
  await saveLicense.click();
  await expect(licenseRegion.getByRole("status")).toHaveText("Saved; flow cap is now 5.");
  await expect(flowCap).toHaveValue("5");
});

test("a flow cap typed on one row survives a save on another row", async ({ page }) => {
  await signIn(page, "root@admin.e2e.test");
  await page.goto("/admin?q=admin-");
  const home = page.getByRole("row", { name: /Admin Home/ });
  const visited = page.getByRole("row", { name: /Visited Inc/ });
  const saved = await home.getByRole("spinbutton", { name: "Flow cap" }).inputValue();
  await home.getByRole("spinbutton", { name: "Flow cap" }).fill(saved === "7" ? "8" : "7");
  const typed = await home.getByRole("spinbutton", { name: "Flow cap" }).inputValue();

  // Visited Inc's cap saved as it is: the table refreshes; Admin Home's unsaved 7 stays.
  const network = trackRequests(page);
  await visited.getByRole("button", { name: "Save flow cap" }).click();
  await expect(visited.getByRole("status")).toHaveText("Saved.");
  await network.settled();
  await expect(home.getByRole("spinbutton", { name: "Flow cap" })).toHaveValue(typed);

  // It was never saved.
  await page.reload();
  await expect(page.getByRole("row", { name: /Admin Home/ }).getByRole("spinbutton", { name: "Flow cap" })).toHaveValue(saved);
});
