import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { EXPORT_IMPORT_PASSWORD } from "../seed/export-import";
import { signInWithPassword, submitPasswordSignIn } from "../support/password";

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

const TEMPLATE = "Export contacts";
/** The source's table made from TEMPLATE, under the name its Admin gave it. */
const CONTACTS = "Contacts (Source)";

/** The superadmin writes a workspace table template (Email, text). */
async function addTableTemplate(page: Page) {
  await page.goto("/login?method=password");
  await submitPasswordSignIn(page, "root@export.e2e.test", EXPORT_IMPORT_PASSWORD);
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto("/admin/templates");
  const newTemplate = page.getByRole("region", { name: "New table template" });
  await newTemplate.getByRole("textbox", { name: "Name", exact: true }).fill(TEMPLATE);
  await newTemplate.getByRole("textbox", { name: "Column 1 name" }).fill("Email");
  await newTemplate.getByRole("button", { name: "Create template" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Created the template ${TEMPLATE}.` })).toBeVisible();
  await page.context().clearCookies();
}

/** The newer kinds in the source: a table made from the template (renamed, one row), a dashboard with a widget over it, a connection with a secret. */
async function addTemplateTableDashboardAndConnection(page: Page) {
  await page.goto("/t/export-source/tables");
  await page.getByRole("region", { name: "Table templates" }).getByRole("listitem", { name: TEMPLATE }).getByRole("button", { name: "Use template" }).click();
  await expect(page).toHaveURL(/\/t\/export-source\/tables\/[0-9a-f-]{36}$/);
  await page.getByRole("textbox", { name: "Table name" }).fill(CONTACTS);
  await page.getByRole("button", { name: "Save customisation" }).click();
  await expect(page.getByRole("heading", { name: CONTACTS, level: 1 })).toBeVisible();
  const newRow = page.getByRole("region", { name: "New row" });
  await newRow.getByRole("textbox", { name: "Email" }).fill("ann@example.com");
  await newRow.getByRole("button", { name: "Add row" }).click();
  await expect(page.getByRole("table", { name: CONTACTS }).getByRole("row", { name: /ann@example\.com/ })).toBeVisible();

  await page.goto("/t/export-source/dashboards");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Source overview");
  await page.getByRole("button", { name: "New dashboard" }).click();
  await expect(page.getByRole("heading", { name: "Source overview", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Add widget" }).click();
  const form = page.getByRole("region", { name: "Add widget" });
  await form.getByRole("combobox", { name: "Kind" }).selectOption({ label: "Number" });
  await form.getByRole("textbox", { name: "Title" }).fill("Contacts");
  await form.getByRole("combobox", { name: "Source" }).selectOption({ label: `Table: ${CONTACTS}` });
  await form.getByRole("combobox", { name: "Measure" }).selectOption({ label: "Count of rows" });
  await form.getByRole("button", { name: "Save widget" }).click();
  await expect(form.getByRole("status")).toHaveText("Added the widget Contacts.");

  await page.goto("/t/export-source/connections");
  await page.getByRole("textbox", { name: "Name" }).fill("Status API");
  await page.getByRole("textbox", { name: "Base URL" }).fill("https://status.example.com/health");
  await page.getByLabel("Bearer token").fill("status-api-token-SECRET");
  await page.getByRole("button", { name: "Create connection" }).click();
  await expect(page.getByRole("status")).toHaveText("Created the connection Status API.");
  await expect(page.getByRole("row", { name: /^Status API\b/ })).toContainText("Active");
}

/** A record without what differs when it arrived without the passphrase: a connection's status and sealed secret. */
const withoutSecretState = (record: Record<string, unknown>) =>
  record.kind === "connection" ? Object.fromEntries(Object.entries(record).filter(([key]) => key !== "status" && key !== "secrets")) : record;

test("an Admin exports a tenant, dry-runs and applies the file in another tenant, and exports the same content again", async ({ page }) => {
  // A group, a flow saved twice, two exports and two imports: over a minute on a busy machine.
  test.setTimeout(180_000);
  await addTableTemplate(page);
  await signInWithPassword(page, "admin@export.e2e.test", EXPORT_IMPORT_PASSWORD);
  await addGroupAndFlowWithTwoVersions(page);
  await addTemplateTableDashboardAndConnection(page);
  const exported = await exportFrom(page, "export-source");
  const versions = records(exported).filter((record) => record.kind === "flow_version");
  expect(versions.map((record) => (record as { name?: string }).name)).toEqual(["Release notes", "Release notes v2"]);
  // The template table goes by the name its tenant sees.
  expect(records(exported).filter((record) => record.kind === "table").map((record) => (record as { name?: string }).name)).toEqual([CONTACTS]);
  expect(fs.readFileSync(exported, "utf8")).not.toContain("status-api-token-SECRET");

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
  await expect(section.getByRole("row", { name: /^Dashboards/ })).toContainText("1 (Source overview)");
  await expect(section.getByRole("row", { name: /^Table template customisations/ })).toContainText(`1 (${TEMPLATE})`);
  await page.goto("/t/export-target/flows");
  await expect(page.getByRole("link", { name: "Nightly sync" })).toHaveCount(0);

  // Applying asks first, then imports; the file stays chosen between the dry run and applying. No
  // passphrase this time: the connection arrives without its secret, inactive.
  await page.goto("/t/export-target/settings");
  await fileField.setInputFiles(exported);
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
  // The table made from the template, under the source's name, with its row and its template's fields.
  await page.goto("/t/export-target/tables");
  await page.getByRole("link", { name: CONTACTS }).click();
  await expect(page.getByRole("heading", { name: CONTACTS, level: 1 })).toBeVisible();
  await expect(page.getByRole("table", { name: CONTACTS }).getByRole("row", { name: /ann@example\.com/ })).toBeVisible();
  await expect(page.getByRole("list", { name: "Template fields" }).getByRole("listitem", { name: "Table name" })).toContainText("Customised");
  // The dashboard, its widget reading the target's table.
  await page.goto("/t/export-target/dashboards");
  await page.getByRole("link", { name: "Source overview" }).click();
  await expect(page.getByRole("heading", { name: "Source overview", level: 1 })).toBeVisible();
  await expect(page.getByRole("article", { name: "Contacts", exact: true }).getByText("1", { exact: true })).toBeVisible();
  // The connection, inactive until someone enters its secret.
  await page.goto("/t/export-target/connections");
  await expect(page.getByRole("row", { name: /^Status API\b/ })).toContainText("Inactive");

  // Exported again from the target: the same records (the header's time and salt, and the checksum,
  // differ; the connection came without its secret, so it is inactive and has none to seal).
  const again = await exportFrom(page, "export-target");
  expect(records(again).slice(1, -1).map(withoutSecretState)).toEqual(records(exported).slice(1, -1).map(withoutSecretState));
  expect(records(again).find((record) => record.kind === "connection")).toMatchObject({ name: "Status API", status: "inactive" });
});
