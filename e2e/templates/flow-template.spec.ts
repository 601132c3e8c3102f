// Issue 14, item 3: a superadmin creates a flow template; a tenant's Editor uses it and customises the
// name; the superadmin changes the template's description, and the tenant sees the new description
// (inherited) under its own name (customised); "Reset to template" inherits the name again. The flow
// made from it is a real flow: listed with its "From template" mark, and run from its page.
import { expect, test } from "@playwright/test";
import { signIn } from "../support/sign-in";

test("a customised flow template follows the template's changes where the tenant did not override them", async ({ page }) => {
  // Four sign-ins and a dozen round trips: more than the default minute on a loaded machine.
  test.setTimeout(180_000);
  const name = `Onboarding ${Date.now()}`;
  await signIn(page, "root@templates.e2e.test");
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Templates" }).click();
  await expect(page.getByRole("heading", { name: "Templates", level: 1 })).toBeVisible();
  // The page has a second "New …" form (table templates): the flow template's is its own region.
  const newTemplate = page.getByRole("region", { name: "New flow template" });
  await newTemplate.getByRole("textbox", { name: "Name" }).fill(name);
  await newTemplate.getByRole("textbox", { name: "Description" }).fill("Welcome new customers");
  await newTemplate.getByRole("button", { name: "Create template" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Created the template ${name}.` })).toBeVisible();

  await page.context().clearCookies();
  await signIn(page, "editor@templates.e2e.test");
  // Through the nav, once the landing page is there (a goto racing the sign-in's landing could be replaced by it).
  await expect(page.getByRole("heading", { name: "Template Users" })).toBeVisible();
  await page.getByRole("link", { name: "Flows", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Flows", level: 1 })).toBeVisible();
  await page.getByRole("listitem", { name }).getByRole("button", { name: "Use template" }).click();
  await expect(page).toHaveURL(/\/t\/templates-user\/flows\/templates\/[0-9a-f-]{36}$/);
  const useUrl = page.url();
  const nameField = page.locator('[data-field="name"]');
  const descriptionField = page.locator('[data-field="description"]');
  await expect(nameField).toContainText("Inherited from template");
  await page.getByRole("textbox", { name: "Name" }).fill("Acme onboarding");
  await page.getByRole("button", { name: "Save customisation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Acme onboarding", level: 1 })).toBeVisible();
  await expect(nameField).toContainText("Customised");
  await expect(descriptionField).toContainText("Welcome new customers");
  await expect(descriptionField).toContainText("Inherited from template");

  await page.context().clearCookies();
  await signIn(page, "root@templates.e2e.test");
  await page.goto("/admin/templates");
  const card = page.getByRole("listitem", { name });
  await card.getByRole("textbox", { name: "Description" }).fill("Welcome every new customer, in two steps");
  await card.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Saved the template ${name}.` })).toBeVisible();

  await page.context().clearCookies();
  await signIn(page, "editor@templates.e2e.test");
  await page.goto(useUrl);
  await expect(page.getByTestId("effective-description")).toHaveText("Welcome every new customer, in two steps");
  await expect(descriptionField).toContainText("Inherited from template");
  await expect(page.getByTestId("effective-name")).toHaveText("Acme onboarding");
  await nameField.getByRole("button", { name: "Reset to template" }).click();
  await expect(page.getByTestId("effective-name")).toHaveText(name);
  await expect(nameField).toContainText("Inherited from template");
  // "Use template"'s answer was said once: the refreshes after these changes, named as then, do not repeat it.
  await expect(page.getByRole("status").filter({ hasText: "Made the flow" })).toHaveCount(0);

  // It is one of the tenant's flows, marked as made from the template, and runs like any flow.
  await page.goto("/t/templates-user/flows");
  await expect(page.getByRole("link", { name: `From template ${name}` })).toBeVisible();
  await page.getByRole("table").getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: `From template ${name}` })).toBeVisible();
  // Renamed through its customisation, not here.
  await expect(page.getByRole("button", { name: "Rename" })).toHaveCount(0);
  await page.getByRole("button", { name: "Run flow" }).click();
  await expect(page.getByRole("status")).toContainText("Run succeeded in");
  await expect(page.getByRole("table", { name: "Runs" }).getByRole("row")).toHaveCount(2);

  // The tenant's log names both changes.
  await page.goto("/t/templates-user/activity");
  await expect(page.getByRole("table", { name: "Activity" }).getByText(/editor@templates\.e2e\.test used the flow template/)).toBeVisible();
});

// Tenant data, part 3: the template's name is a flow of the tenant's own already. "Use template" makes
// the flow "<name> (template)" and its page says why; the Name field's hint names the flow as it is; a
// reset of the name takes the same suffix and says so; with both names taken the reset is refused, the
// reason shown next to the button.
test("a template whose name the tenant's flow has: the flow is \"<name> (template)\", and the page says why", async ({ page }) => {
  // Two sign-ins and a dozen round trips.
  test.setTimeout(180_000);
  const name = `Billing ${Date.now()}`;
  const beside = `${name} (template)`;
  await signIn(page, "root@templates.e2e.test");
  await page.goto("/admin/templates");
  const newTemplate = page.getByRole("region", { name: "New flow template" });
  await newTemplate.getByRole("textbox", { name: "Name" }).fill(name);
  await newTemplate.getByRole("button", { name: "Create template" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Created the template ${name}.` })).toBeVisible();

  await page.context().clearCookies();
  await signIn(page, "editor@templates.e2e.test");
  await expect(page.getByRole("heading", { name: "Template Users" })).toBeVisible();
  await page.getByRole("link", { name: "Flows", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Flows", level: 1 })).toBeVisible();
  const createFlow = async (flowName: string) => {
    await page.getByRole("textbox", { name: "Name" }).fill(flowName);
    await page.getByRole("button", { name: "Create flow" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Created the flow ${flowName}.` })).toBeVisible();
  };
  await createFlow(name);

  await page.getByRole("listitem", { name }).getByRole("button", { name: "Use template" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Made the flow ${beside}: a flow named ${name} exists already.` })).toBeVisible();
  // The page was asked to say it (?made=beside-flow), and drops the flag once it has.
  await expect(page).toHaveURL(/\/t\/templates-user\/flows\/templates\/[0-9a-f-]{36}$/);
  const useUrl = page.url();
  await expect(page.getByRole("heading", { name: beside, level: 1 })).toBeVisible();
  await expect(page.getByTestId("effective-name")).toHaveText(beside);
  // The field keeps the template's name (saving leaves it inherited); its hint names the flow as it is.
  const nameInput = page.getByRole("textbox", { name: "Name" });
  await expect(nameInput).toHaveValue(name);
  await expect(nameInput).toHaveAccessibleDescription(`Inherited from the template: ${beside} (another flow is named ${name})`);

  // Customised, then reset while the tenant's flow still has the name: the same suffix, and it says so.
  const nameField = page.locator('[data-field="name"]');
  const customise = async (flowName: string) => {
    await nameInput.fill(flowName);
    await page.getByRole("button", { name: "Save customisation" }).click();
    await expect(page.getByRole("heading", { name: flowName, level: 1 })).toBeVisible();
    await expect(nameField).toContainText("Customised");
  };
  await customise(`${name} ours`);
  await nameField.getByRole("button", { name: "Reset to template" }).click();
  await expect(nameField.getByRole("status")).toHaveText(`Name reset to the template's, as ${beside}: a flow named ${name} exists already.`);
  await expect(page.getByTestId("effective-name")).toHaveText(beside);
  await expect(nameField).toContainText("Inherited from template");
  // "Use template"'s answer was said once: the refreshes after these changes, named as then, do not repeat it.
  await expect(page.getByRole("status").filter({ hasText: "Made the flow" })).toHaveCount(0);

  // "<name> (template)" taken too (a flow of the tenant's own, made while the template's flow had another
  // name): the reset is refused, with the reason next to the button, and nothing changes.
  await customise(`${name} ours`);
  await page.goto("/t/templates-user/flows");
  await createFlow(beside);
  await page.goto(useUrl);
  await nameField.getByRole("button", { name: "Reset to template" }).click();
  await expect(nameField.getByRole("alert")).toHaveText(`Flows named ${name} and ${beside} exist already: rename one of them to give this flow the template's name.`);
  await expect(page.getByTestId("effective-name")).toHaveText(`${name} ours`);
  await expect(nameField).toContainText("Customised");
});
