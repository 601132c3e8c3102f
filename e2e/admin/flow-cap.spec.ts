import { expect, test } from "@playwright/test";
import { signIn } from "../support/sign-in";

test("a superadmin lowers a flow cap, and the tenant's Editor is refused at the cap on their next request", async ({ browser }) => {
  // The Editor has the flows page open, with room for more flows.
  const editorContext = await browser.newContext();
  const editor = await editorContext.newPage();
  await signIn(editor, "editor@admin.e2e.test");
  await editor.getByRole("link", { name: "Flows" }).click();
  await expect(editor.getByRole("heading", { name: "Flows" })).toBeVisible();
  await expect(editor.getByTestId("flow-usage")).toHaveText("3 of 50 flows");

  // Meanwhile the superadmin lowers the cap to the current count.
  const rootContext = await browser.newContext();
  const root = await rootContext.newPage();
  await signIn(root, "root@admin.e2e.test");
  await root.getByRole("link", { name: "Admin", exact: true }).click();
  await expect(root.getByRole("heading", { name: "Tenants" })).toBeVisible();
  await root.getByRole("searchbox", { name: "Search" }).fill("Capped");
  await expect(root).toHaveURL(/\/admin\?q=Capped$/);
  await expect(root.getByRole("table", { name: "Tenants" }).getByRole("row")).toHaveCount(2);
  const row = root.getByRole("row", { name: /Capped Co/ });
  await expect(row.getByRole("combobox", { name: "License" })).toHaveValue("team");
  await row.getByRole("spinbutton", { name: "Flow cap" }).fill("3");
  await row.getByRole("button", { name: "Save flow cap" }).click();
  await expect(row.getByRole("status")).toHaveText("Saved.");
  await root.reload();
  await expect(root.getByRole("row", { name: /Capped Co/ }).getByRole("spinbutton", { name: "Flow cap" })).toHaveValue("3");

  // The Editor's very next create is refused with the reason; what they typed stays.
  const name = editor.getByRole("textbox", { name: "Name" });
  await name.fill("One too many");
  await editor.getByRole("button", { name: "Create flow" }).click();
  await expect(editor.getByRole("alert").filter({ hasText: "flow cap" })).toContainText("reached its flow cap (3 of 3 flows)");
  await expect(name).toHaveValue("One too many");

  // Existing flows are kept; the page now says the tenant is at its cap.
  await editor.reload();
  await expect(editor.getByTestId("flow-usage")).toHaveText("3 of 3 flows");
  await expect(editor.getByRole("note")).toContainText("reached its flow cap");
  await expect(editor.getByRole("table", { name: "Flows" }).getByRole("link")).toHaveText(["Capped one", "Capped three", "Capped two"]);

  await editorContext.close();
  await rootContext.close();
});

test("a license change sets the flow cap to the license's default", async ({ page }) => {
  await signIn(page, "root@admin.e2e.test");
  await page.goto("/admin?q=Visited");
  const row = page.getByRole("row", { name: /Visited Inc/ });
  await row.getByRole("combobox", { name: "License" }).selectOption({ label: "Enterprise" });
  await row.getByRole("button", { name: "Save license" }).click();
  await expect(row.getByRole("status")).toHaveText("Saved; flow cap is now 1000.");
  await expect(row.getByRole("spinbutton", { name: "Flow cap" })).toHaveValue("1000");
  // And back, so the spec leaves the world as it found it.
  await row.getByRole("combobox", { name: "License" }).selectOption({ label: "Free" });
  await row.getByRole("button", { name: "Save license" }).click();
  await expect(row.getByRole("spinbutton", { name: "Flow cap" })).toHaveValue("5");
});
