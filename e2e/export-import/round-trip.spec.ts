import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { EXPORT_IMPORT_PASSWORD } from "../seed/export-import";
import { signInWithPassword } from "../support/password";

const PASSPHRASE = "a long export passphrase";

/** Exports the tenant from its settings page (with the passphrase) and answers the downloaded file's path. */
async function exportFrom(page: Page, slug: string): Promise<string> {
  await page.goto(`/t/${slug}/settings`);
  const section = page.getByRole("region", { name: "Export and import" });
  await section.getByLabel("Passphrase", { exact: true }).fill(PASSPHRASE);
  const download = page.waitForEvent("download");
  await section.getByRole("button", { name: "Export tenant data" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^tenant-${slug}-\\d{4}-\\d{2}-\\d{2}\\.jsonl$`));
  await expect(section.getByRole("status").filter({ hasText: "Exported" })).toBeVisible();
  return (await file.path())!;
}

const records = (path: string) =>
  fs
    .readFileSync(path, "utf8")
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as { kind?: string });

/** A custom group and a flow saved twice (created, then renamed: two versions) in the source tenant. */
async function addGroupAndFlowWithTwoVersions(page: Page) {
  await page.goto("/t/export-source/groups");
  await page.getByRole("textbox", { name: "Name" }).fill("Reviewers");
  await page.getByRole("checkbox", { name: "See activity", exact: true }).check();
  await page.getByRole("button", { name: "New group" }).click();
  await expect(page.getByRole("heading", { name: "Reviewers", level: 1 })).toBeVisible();

  await page.goto("/t/export-source/flows");
  await page.getByRole("textbox", { name: "Name" }).fill("Release notes");
  await page.getByRole("button", { name: "Create flow" }).click();
  await expect(page.getByRole("status")).toHaveText("Created the flow Release notes.");
  await page.getByRole("link", { name: "Release notes" }).click();
  await expect(page.getByRole("heading", { name: "Release notes", exact: true })).toBeVisible();
  await page.getByRole("textbox", { name: "Name" }).fill("Release notes v2");
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveValue("Release notes v2");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("heading", { name: "Release notes v2" })).toBeVisible();
}

test("an Admin exports a tenant, dry-runs and applies the file in another tenant, and exports the same content again", async ({ page }) => {
  // A group, a flow saved twice, two exports and two imports: over a minute on a busy machine.
  test.setTimeout(180_000);
  await signInWithPassword(page, "admin@export.e2e.test", EXPORT_IMPORT_PASSWORD);
  await addGroupAndFlowWithTwoVersions(page);
  const exported = await exportFrom(page, "export-source");
  const versions = records(exported).filter((record) => record.kind === "flow_version");
  expect(versions.map((record) => (record as { name?: string }).name)).toEqual(["Release notes", "Release notes v2"]);

  await page.goto("/t/export-target/settings");
  const section = page.getByRole("region", { name: "Export and import" });
  const fileField = section.getByLabel("Import file");

  // A changed file is refused next to the upload field.
  const tampered = `${exported}.tampered`;
  fs.writeFileSync(tampered, fs.readFileSync(exported, "utf8").replace("Nightly sync", "Nightly sunc"));
  await fileField.setInputFiles(tampered);
  await section.getByRole("button", { name: "Dry run" }).click();
  await expect(section.getByRole("alert").filter({ hasText: "checksum does not match" }).first()).toBeVisible();
  await expect(fileField).toHaveAttribute("aria-invalid", "true");

  // The dry run lists what would be created and writes nothing.
  await fileField.setInputFiles(exported);
  await section.getByLabel("Import passphrase").fill(PASSPHRASE);
  await section.getByRole("button", { name: "Dry run" }).click();
  await expect(section.getByRole("status").filter({ hasText: "Dry run: nothing was written." })).toBeVisible();
  const flowsRow = section.getByRole("row", { name: /^Flows/ });
  await expect(flowsRow).toContainText("3 (Checksums (Production), Nightly sync (Production), Release notes v2 (Production))");
  await expect(section.getByRole("row", { name: /^Groups/ })).toContainText("1 (Reviewers)");
  await page.goto("/t/export-target/flows");
  await expect(page.getByRole("link", { name: "Nightly sync" })).toHaveCount(0);

  // Applying asks first, then imports; the file stays chosen between the dry run and applying.
  await page.goto("/t/export-target/settings");
  await fileField.setInputFiles(exported);
  await section.getByLabel("Import passphrase").fill(PASSPHRASE);
  await section.getByRole("button", { name: "Apply import" }).click();
  const dialog = page.getByRole("dialog", { name: "Import this file into the tenant?" });
  await dialog.getByRole("button", { name: "Import tenant data" }).click();
  await expect(section.getByRole("status").filter({ hasText: "Import applied." })).toBeVisible();
  await page.goto("/t/export-target/flows");
  await expect(page.getByRole("link", { name: "Nightly sync" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Checksums" })).toBeVisible();
  // The flow came with both its versions; the group with its permissions (and no members).
  await page.getByRole("link", { name: "Release notes v2" }).click();
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("list", { name: "Versions" }).getByRole("heading", { name: /^Version \d/ })).toHaveCount(2);
  await page.goto("/t/export-target/groups");
  await expect(page.getByRole("list", { name: "Custom groups" })).toContainText("Reviewers");

  // Exported again from the target: the same records (the header's time and salt, and the checksum, differ).
  const again = await exportFrom(page, "export-target");
  expect(records(again).slice(1, -1)).toEqual(records(exported).slice(1, -1));
});
