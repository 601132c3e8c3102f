// Data tables (issue 14): a CSV import with a bad row is refused as a whole (nothing imported, the
// bad row's line and reason listed); the corrected file imports with a progress bar and the rows show
// in the grid. Two tenants of the same Editor each get a table "customers"; each shows only its own rows.
import { expect, test, type Page } from "@playwright/test";
import { IMPORT_TENANTS, TABLES_PEOPLE } from "../seed/tables";
import { signIn } from "../support/sign-in";

async function createCustomers(page: Page, slug: string) {
  await page.goto(`/t/${slug}/tables`);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("customers");
  await page.getByRole("textbox", { name: "Column 1 name" }).fill("Company");
  await page.getByRole("textbox", { name: "Column 2 name" }).fill("Seats");
  await page.getByRole("combobox", { name: "Column 2 type" }).selectOption({ label: "Number" });
  await page.getByRole("button", { name: "New table" }).click();
  await expect(page.getByRole("status")).toHaveText("Created the table customers.");
  await page.getByRole("link", { name: "customers" }).click();
  await expect(page.getByRole("heading", { name: "customers", level: 1 })).toBeVisible();
}

async function importFile(page: Page, csv: string) {
  const form = page.getByRole("region", { name: "Import CSV" });
  await form.getByLabel("CSV file").setInputFiles({ name: "customers.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await form.getByRole("button", { name: "Import CSV" }).click();
  return form;
}

test("a CSV import with a bad row imports nothing and lists it; two tenants' customers tables keep their own rows", async ({ page }) => {
  const [north, south] = IMPORT_TENANTS;
  await signIn(page, TABLES_PEOPLE.editor);

  await createCustomers(page, north);
  const form = await importFile(page, "Company,Seats\nNorthwind,12\nBroken Ltd,twelve\n");
  await expect(form.getByRole("alert")).toContainText("1 of 2 rows cannot be imported, so none were.");
  await expect(form.getByRole("list", { name: "Rows that cannot be imported" })).toHaveText("Line 3: Seats: Enter a number.");
  await expect(page.getByText("No rows yet")).toBeVisible();

  await importFile(page, "Company,Seats\nNorthwind,12\nFixed Ltd,7\n");
  await expect(form.getByRole("status")).toHaveText("Imported 2 rows.");
  const northGrid = page.getByRole("table", { name: "customers" });
  await expect(northGrid.getByRole("row", { name: /Northwind/ })).toContainText("12");
  await expect(northGrid.getByRole("row", { name: /Fixed Ltd/ })).toContainText("7");

  await createCustomers(page, south);
  await importFile(page, "Company\nSouthern Co\n");
  await expect(form.getByRole("status")).toHaveText("Imported 1 row.");
  const southGrid = page.getByRole("table", { name: "customers" });
  await expect(southGrid.getByRole("row", { name: /Southern Co/ })).toBeVisible();
  await expect(southGrid).not.toContainText("Northwind");

  // Back in the first tenant: its own two rows, none of the other's.
  await page.goto(`/t/${north}/tables`);
  await page.getByRole("link", { name: "customers" }).click();
  await expect(northGrid.getByRole("row", { name: /Northwind/ })).toBeVisible();
  await expect(northGrid).not.toContainText("Southern Co");
  // Search and sort from the URL.
  await page.getByRole("searchbox", { name: "Search rows" }).fill("fixed");
  await expect(northGrid.getByRole("row", { name: /Northwind/ })).toHaveCount(0);
  await expect(northGrid.getByRole("row", { name: /Fixed Ltd/ })).toBeVisible();
  await expect(page).toHaveURL(/q=fixed/);
});
