// Issue 18: "Export CSV" says it is working (a busy button that keeps its name and focus, and a live
// region saying how far the download is), then saves the file and says so; a broken-off download is
// said too, instead of a half file.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { ACTIVITY_E2E } from "../seed/activity";
import { markLiveRegionNear } from "../support/live-region";
import { signIn } from "../support/sign-in";

const logPath = `/t/${ACTIVITY_E2E.tenantA}/activity`;

test("the export shows that it is working, then completes with the file", async ({ page }) => {
  await signIn(page, ACTIVITY_E2E.viewerA);
  await page.goto(`${logPath}?action=flow.run`);
  // Hold the server's answer back until the page has been seen working.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**${logPath}/export`, async (route) => {
    const response = await route.fetch();
    await held;
    await route.fulfill({ response });
  });

  const button = page.getByRole("button", { name: "Export CSV" });
  const region = await markLiveRegionNear(button);
  const downloading = page.waitForEvent("download");
  await button.click();
  await expect(button).toHaveAttribute("aria-busy", "true");
  await expect(region.getByRole("status")).toHaveText(/^Exporting…/);
  // Still "Export CSV", and still where focus is, while it works.
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute("aria-disabled", "true");

  release();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^activity-${ACTIVITY_E2E.tenantA}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  await expect(region.getByRole("status")).toHaveText(new RegExp(`^Exported activity-${ACTIVITY_E2E.tenantA}-[\\d-]+\\.csv \\([\\d.]+ kB\\)\\.$`));
  await expect(button).not.toHaveAttribute("aria-busy");
  const rows = parse(fs.readFileSync((await download.path())!, "utf8"), { columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(ACTIVITY_E2E.flowRuns);
  expect(rows.every((row) => row.action === "flow.run")).toBe(true);
});

test("an export that breaks off is said beside the button, and nothing is saved", async ({ page }) => {
  await signIn(page, ACTIVITY_E2E.viewerA);
  await page.goto(logPath);
  await page.route(`**${logPath}/export`, (route) => route.abort("connectionreset"));
  let downloads = 0;
  page.on("download", () => downloads++);

  const button = page.getByRole("button", { name: "Export CSV" });
  const region = await markLiveRegionNear(button);
  await button.click();
  await expect(region.getByRole("alert")).toHaveText(/stopped before it finished/);
  await expect(button).not.toHaveAttribute("aria-busy");
  expect(downloads).toBe(0);
});
