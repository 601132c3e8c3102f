// An Editor's flow uses a credential by name: the new-flow form offers the tenant's credentials as
// steps, and the run log says the credential was resolved, never its value.
import { expect, test } from "@playwright/test";
import { KEYS_PEOPLE, KEYS_TENANT } from "../seed/credentials";
import { signIn } from "../support/sign-in";

const VALUE = "sk_flow_e2e_wholevalue_4455";

test("an Editor runs a flow that uses a credential; the run log shows it resolved, not its value", async ({ browser }) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, KEYS_PEOPLE.admin);
  await admin.goto(`/t/${KEYS_TENANT}/credentials`);
  await admin.getByRole("textbox", { name: "Name" }).fill("Webhook token");
  await admin.getByRole("textbox", { name: "Value" }).fill(VALUE);
  await admin.getByRole("button", { name: "Add credential" }).click();
  await expect(admin.getByRole("status")).toHaveText("Added the credential Webhook token.");

  const editorContext = await browser.newContext();
  const page = await editorContext.newPage();
  await signIn(page, KEYS_PEOPLE.editor);
  await page.goto(`/t/${KEYS_TENANT}/flows`);
  await page.getByRole("textbox", { name: "Name" }).fill("Webhook call");
  await page.getByRole("combobox", { name: "Step 2" }).selectOption({ label: "Use the credential Webhook token" });
  await page.getByRole("button", { name: "Create flow" }).click();
  await expect(page.getByRole("status")).toHaveText("Created the flow Webhook call.");

  await page.getByRole("link", { name: "Webhook call" }).click();
  await page.getByRole("button", { name: "Run flow" }).click();
  await expect(page.getByRole("status")).toContainText("Run succeeded in");
  const run = page.getByRole("table", { name: "Runs" }).getByRole("row").nth(1);
  await run.getByText(/Step log/).click();
  await expect(run).toContainText("Use the credential Webhook token");
  await expect(run).toContainText("Resolved the credential Webhook token (value not shown)");
  expect(await page.content()).not.toContain("wholevalue");

  // Leave the tenant's credentials as they were (the credentials spec starts from none).
  await admin.reload();
  await admin.getByRole("row", { name: /^Webhook token\b/ }).getByRole("button", { name: "Delete credential" }).click();
  await admin.getByRole("dialog", { name: "Delete Webhook token?" }).getByRole("button", { name: "Delete" }).click();
  await expect(admin.getByRole("row", { name: /^Webhook token\b/ })).toHaveCount(0);
  await adminContext.close();
  await editorContext.close();
});
