// Data tables (issue 14): an Editor creates "customers" with typed columns, a bad value is refused
// next to its field, a row is added and shows in the grid; a Viewer sees it and cannot add rows.
import { expect, test } from "@playwright/test";
import { TABLES_PEOPLE, TABLES_TENANT } from "../seed/tables";
import { signIn } from "../support/sign-in";

test("an Editor creates the table customers and adds a row; a Viewer reads it and cannot add", async ({ browser }) => {
  const editorContext = await browser.newContext();
  const viewerContext = await browser.newContext();
  const editor = await editorContext.newPage();
  await signIn(editor, TABLES_PEOPLE.editor);
  await editor.goto(`/t/${TABLES_TENANT}`);
  await editor.getByRole("link", { name: "Tables" }).click();
  await expect(editor.getByRole("heading", { name: "Tables", level: 1 })).toBeVisible();

  await editor.getByRole("textbox", { name: "Name", exact: true }).fill("customers");
  await editor.getByRole("textbox", { name: "Column 1 name" }).fill("Company");
  await editor.getByRole("textbox", { name: "Column 2 name" }).fill("Seats");
  await editor.getByRole("combobox", { name: "Column 2 type" }).selectOption({ label: "Number" });
  await editor.getByRole("textbox", { name: "Column 3 name" }).fill("Active");
  await editor.getByRole("combobox", { name: "Column 3 type" }).selectOption({ label: "Yes/no" });
  await editor.getByRole("button", { name: "New table" }).click();
  await expect(editor.getByRole("status")).toHaveText("Created the table customers.");
  await editor.getByRole("link", { name: "customers" }).click();
  await expect(editor.getByRole("heading", { name: "customers", level: 1 })).toBeVisible();

  // A value that does not fit its column is refused next to the field, and what was typed stays.
  const newRow = editor.getByRole("region", { name: "New row" });
  await newRow.getByRole("textbox", { name: "Company" }).fill("Initech");
  await newRow.getByRole("textbox", { name: "Seats" }).fill("twelve");
  await newRow.getByRole("button", { name: "Add row" }).click();
  await expect(newRow.getByRole("textbox", { name: "Seats" })).toHaveAttribute("aria-invalid", "true");
  await expect(newRow.getByText("Enter a number.")).toBeVisible();
  await expect(newRow.getByRole("textbox", { name: "Company" })).toHaveValue("Initech");

  await newRow.getByRole("textbox", { name: "Seats" }).fill("12");
  await newRow.getByRole("checkbox", { name: "Active" }).check();
  await newRow.getByRole("button", { name: "Add row" }).click();
  const grid = editor.getByRole("table", { name: "customers" });
  const row = grid.getByRole("row", { name: /Initech/ });
  await expect(row).toContainText("12");
  await expect(row).toContainText("Yes");

  const viewer = await viewerContext.newPage();
  await signIn(viewer, TABLES_PEOPLE.viewer);
  await viewer.goto(`/t/${TABLES_TENANT}/tables`);
  await viewer.getByRole("link", { name: "customers" }).click();
  await expect(viewer.getByRole("table", { name: "customers" }).getByRole("row", { name: /Initech/ })).toContainText("12");
  await expect(viewer.getByRole("button", { name: "Add row" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "New table" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Edit" })).toHaveCount(0);

  await editorContext.close();
  await viewerContext.close();
});
