// Issue 14, item 3 (table templates): a superadmin creates a table template; a tenant's Editor uses it
// (the tenant's own table), adds a row and renames a column; the superadmin adds a column to the
// template; the tenant's table shows both (its own label, the template's new column) and the row.
import { expect, test } from "@playwright/test";
import { signIn } from "../support/sign-in";

test("a table made from a template keeps the tenant's column label and gets the template's new column", async ({ page }) => {
  // Four sign-ins and a dozen round trips: more than the default minute on a loaded machine.
  test.setTimeout(180_000);
  const name = `Customers ${Date.now()}`;
  await signIn(page, "root@templates.e2e.test");
  await page.goto("/admin/templates");
  const newTemplate = page.getByRole("region", { name: "New table template" });
  await newTemplate.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await newTemplate.getByRole("textbox", { name: "Description" }).fill("Who buys from us");
  await newTemplate.getByRole("textbox", { name: "Column 1 name" }).fill("Email");
  await newTemplate.getByRole("textbox", { name: "Column 2 name" }).fill("Age");
  await newTemplate.getByRole("combobox", { name: "Column 2 type" }).selectOption({ label: "Number" });
  await newTemplate.getByRole("button", { name: "Create template" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Created the template ${name}.` })).toBeVisible();

  await page.context().clearCookies();
  await signIn(page, "editor@templates.e2e.test");
  await expect(page.getByRole("heading", { name: "Template Users" })).toBeVisible();
  await page.getByRole("link", { name: "Tables", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Tables", level: 1 })).toBeVisible();
  await page.getByRole("region", { name: "Table templates" }).getByRole("listitem", { name }).getByRole("button", { name: "Use template" }).click();
  await expect(page).toHaveURL(/\/t\/templates-user\/tables\/[0-9a-f-]{36}$/);
  const tableUrl = page.url();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const fields = page.getByRole("list", { name: "Template fields" });
  await expect(fields.getByRole("listitem", { name: "Column Email" })).toContainText("Inherited from template");

  // The rows are the tenant's own.
  const newRow = page.getByRole("region", { name: "New row" });
  await newRow.getByRole("textbox", { name: "Email" }).fill("ann@example.com");
  await newRow.getByRole("textbox", { name: "Age" }).fill("41");
  await newRow.getByRole("button", { name: "Add row" }).click();
  await expect(page.getByRole("table", { name }).getByRole("row", { name: /ann@example\.com/ })).toContainText("41");

  // The tenant renames the column Email.
  await page.getByRole("textbox", { name: "Label of Email" }).fill("E-mail");
  await page.getByRole("button", { name: "Save customisation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(fields.getByRole("listitem", { name: "Column E-mail" })).toContainText("Customised");
  await expect(fields.getByRole("listitem", { name: "Column Age" })).toContainText("Inherited from template");

  // The superadmin adds a column to the template.
  await page.context().clearCookies();
  await signIn(page, "root@templates.e2e.test");
  await page.goto("/admin/templates");
  const card = page.getByRole("list", { name: "Table templates" }).getByRole("listitem", { name });
  await card.getByRole("textbox", { name: "Column 3 name" }).fill("Phone");
  await card.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Saved the template ${name}.` })).toBeVisible();

  // The tenant's table shows both: its own label and the template's new column, with its row.
  await page.context().clearCookies();
  await signIn(page, "editor@templates.e2e.test");
  await expect(page.getByRole("heading", { name: "Template Users" })).toBeVisible();
  await page.goto(tableUrl);
  const grid = page.getByRole("table", { name });
  await expect(grid.getByRole("columnheader")).toContainText(["E-mail", "Age", "Phone"]);
  await expect(grid.getByRole("row", { name: /ann@example\.com/ })).toContainText("41");
  await expect(fields.getByRole("listitem", { name: "Column E-mail" })).toContainText("Customised");
  await expect(fields.getByRole("listitem", { name: "Column Phone" })).toContainText("Inherited from template");

  // "Reset to template" brings the template's label back.
  await fields.getByRole("listitem", { name: "Column E-mail" }).getByRole("button", { name: "Reset to template" }).click();
  await expect(fields.getByRole("listitem", { name: "Column Email" })).toContainText("Inherited from template");
});
