// Dashboards (issue 14, item 4): an Editor makes a table with rows, builds a dashboard with a Number
// widget and a Table widget over it and sees the right figures; a field error shows next to its
// field; a Viewer opens the dashboard read-only (no Add widget, no Delete dashboard).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DASHBOARDS_PEOPLE, DASHBOARDS_TENANT } from "../seed/dashboards";
import { signedInPage } from "../support/sign-in";

async function addRow(page: Page, company: string, seats: string) {
  const newRow = page.getByRole("region", { name: "New row" });
  await newRow.getByRole("textbox", { name: "Company" }).fill(company);
  await newRow.getByRole("textbox", { name: "Seats" }).fill(seats);
  await newRow.getByRole("button", { name: "Add row" }).click();
  await expect(page.getByRole("table", { name: "accounts" }).getByRole("row", { name: new RegExp(company) })).toBeVisible();
}

test("an Editor builds a dashboard over a table; a Viewer reads it without the editing controls", async ({ browser }) => {
  test.slow();
  const editor = await signedInPage(browser, DASHBOARDS_PEOPLE.editor);
  await editor.goto(`/t/${DASHBOARDS_TENANT}/tables`);
  await editor.getByRole("textbox", { name: "Name", exact: true }).fill("accounts");
  await editor.getByRole("textbox", { name: "Column 1 name" }).fill("Company");
  await editor.getByRole("textbox", { name: "Column 2 name" }).fill("Seats");
  await editor.getByRole("combobox", { name: "Column 2 type" }).selectOption({ label: "Number" });
  await editor.getByRole("button", { name: "New table" }).click();
  await editor.getByRole("link", { name: "accounts" }).click();
  await addRow(editor, "Initech", "12");
  await addRow(editor, "Globex", "30");

  await editor.getByRole("navigation", { name: "Tenant" }).getByRole("link", { name: "Dashboards" }).click();
  await expect(editor.getByRole("heading", { name: "Dashboards", level: 1 })).toBeVisible();
  await expect(editor.getByText("No dashboards yet")).toBeVisible();
  await editor.getByRole("textbox", { name: "Name", exact: true }).fill("Accounts overview");
  await editor.getByRole("button", { name: "New dashboard" }).click();
  await expect(editor.getByRole("heading", { name: "Accounts overview", level: 1 })).toBeVisible();

  await editor.getByRole("button", { name: "Add widget" }).click();
  const form = editor.getByRole("region", { name: "Add widget" });
  // A title left empty is refused next to its field.
  await form.getByRole("button", { name: "Save widget" }).click();
  await expect(form.getByRole("textbox", { name: "Title" })).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("Enter a title for the widget.")).toBeVisible();

  await form.getByRole("combobox", { name: "Kind" }).selectOption({ label: "Number" });
  await form.getByRole("textbox", { name: "Title" }).fill("Accounts");
  await form.getByRole("combobox", { name: "Source" }).selectOption({ label: "Table: accounts" });
  await form.getByRole("combobox", { name: "Measure" }).selectOption({ label: "Count of rows" });
  await form.getByRole("button", { name: "Save widget" }).click();
  await expect(form.getByRole("status")).toHaveText("Added the widget Accounts.");

  await form.getByRole("combobox", { name: "Kind" }).selectOption({ label: "Number" });
  await form.getByRole("textbox", { name: "Title" }).fill("Total seats");
  await form.getByRole("combobox", { name: "Measure" }).selectOption({ label: "Sum of a number column" });
  await form.getByRole("combobox", { name: "Column" }).selectOption({ label: "Seats" });
  await form.getByRole("button", { name: "Save widget" }).click();
  await expect(form.getByRole("status")).toHaveText("Added the widget Total seats.");

  await form.getByRole("combobox", { name: "Kind" }).selectOption({ label: "Table" });
  await form.getByRole("textbox", { name: "Title" }).fill("Account list");
  await form.getByRole("checkbox", { name: "Seats" }).uncheck();
  await form.getByRole("button", { name: "Save widget" }).click();
  await expect(form.getByRole("status")).toHaveText("Added the widget Account list.");

  await form.getByRole("combobox", { name: "Kind" }).selectOption({ label: "Chart by day" });
  await form.getByRole("textbox", { name: "Title" }).fill("Accounts added");
  await form.getByRole("combobox", { name: "Days" }).selectOption({ label: "Last 7 days" });
  await form.getByRole("combobox", { name: "Date" }).selectOption({ label: "When the row was added" });
  await form.getByRole("button", { name: "Save widget" }).click();
  await expect(form.getByRole("status")).toHaveText("Added the widget Accounts added.");

  const widget = (page: Page, title: string) => page.getByRole("article", { name: title, exact: true });
  // The chart is an image named by its summary, with the same figures as a table.
  await expect(widget(editor, "Accounts added").getByRole("img", { name: /Accounts added, per day 2 in the last 7 days/ })).toBeVisible();
  await widget(editor, "Accounts added").getByText("Show as table").click();
  await expect(widget(editor, "Accounts added").getByRole("table").getByRole("row")).toHaveCount(8);
  // The page with its widgets and the open form: no serious or critical axe violation.
  const { violations } = await new AxeBuilder({ page: editor }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  await expect(widget(editor, "Accounts").getByText("2", { exact: true })).toBeVisible();
  await expect(widget(editor, "Total seats").getByText("42", { exact: true })).toBeVisible();
  const list = widget(editor, "Account list").getByRole("table", { name: "Account list" });
  await expect(list.getByRole("columnheader")).toHaveText(["Company"]);
  await expect(list.getByRole("row")).toHaveText(["Company", "Initech", "Globex"]);

  // Reorder: the list moves up above the seat total.
  await widget(editor, "Account list").getByRole("button", { name: "Move up" }).click();
  await expect(editor.getByRole("list", { name: "Widgets" }).getByRole("heading", { level: 2 })).toHaveText(["Accounts", "Account list", "Total seats", "Accounts added"]);

  const viewer = await signedInPage(browser, DASHBOARDS_PEOPLE.viewer);
  await viewer.goto(`/t/${DASHBOARDS_TENANT}/dashboards`);
  await viewer.getByRole("link", { name: "Accounts overview" }).click();
  await expect(viewer.getByRole("heading", { name: "Accounts overview", level: 1 })).toBeVisible();
  await expect(widget(viewer, "Accounts").getByText("2", { exact: true })).toBeVisible();
  await expect(widget(viewer, "Total seats").getByText("42", { exact: true })).toBeVisible();
  await expect(widget(viewer, "Account list").getByRole("row")).toHaveText(["Company", "Initech", "Globex"]);
  await expect(viewer.getByRole("button", { name: "Add widget" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Delete dashboard" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Move up" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Remove widget" })).toHaveCount(0);
});
