// Custom groups end to end: an Admin creates two groups with one permission each and puts a Viewer in
// both; the Viewer's very next request has the union (Edit tables and Manage API keys), without
// signing out; taking them out of one group takes away just that permission.
import { expect, test, type Page } from "@playwright/test";
import { GROUPS_PEOPLE, GROUPS_TENANT } from "../seed/groups";
import { signIn } from "../support/sign-in";

const GROUPS = `/t/${GROUPS_TENANT}/groups`;

async function createGroupWith(admin: Page, name: string, permission: string) {
  await admin.goto(GROUPS);
  await admin.getByRole("textbox", { name: "Name" }).fill(name);
  await admin.getByRole("checkbox", { name: permission, exact: true }).check();
  await admin.getByRole("button", { name: "New group" }).click();
  await expect(admin.getByRole("heading", { name, level: 1 })).toBeVisible();
  await admin.getByRole("combobox", { name: "Member" }).selectOption({ label: GROUPS_PEOPLE.viewer });
  await admin.getByRole("button", { name: "Add to group" }).click();
  await expect(admin.getByRole("list", { name: `Members of ${name}` })).toContainText(GROUPS_PEOPLE.viewer);
}

test("a member in two groups has the union of their permissions on the next request", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  const viewer = await (await browser.newContext()).newPage();
  await signIn(admin, GROUPS_PEOPLE.admin);
  await signIn(viewer, GROUPS_PEOPLE.viewer);

  // Before: a Viewer sees the groups but cannot add a table nor open API keys.
  await viewer.goto(`/t/${GROUPS_TENANT}/tables`);
  await expect(viewer.getByRole("button", { name: "New table" })).toHaveCount(0);
  await expect(viewer.getByRole("link", { name: "API keys" })).toHaveCount(0);

  await createGroupWith(admin, "Table editors", "Edit tables");
  await createGroupWith(admin, "Key keepers", "Manage API keys");
  await admin.goto(GROUPS);
  await expect(admin.getByRole("list", { name: "Custom groups" })).toContainText("Table editors");
  await expect(admin.getByRole("list", { name: "Custom groups" })).toContainText("Key keepers");

  // The Viewer's next request: both groups' permissions.
  await viewer.goto(`/t/${GROUPS_TENANT}/tables`);
  await expect(viewer.getByRole("button", { name: "New table" })).toBeVisible();
  await viewer.getByRole("link", { name: "API keys" }).click();
  await expect(viewer.getByRole("heading", { name: "API keys" })).toBeVisible();
  // Still no member management: neither group carries it.
  await viewer.goto(GROUPS);
  await expect(viewer.getByRole("button", { name: "New group" })).toHaveCount(0);

  // Out of one group: that permission goes on the next request, the other stays.
  await admin.goto(GROUPS);
  await admin.getByRole("link", { name: "Key keepers" }).click();
  await admin.getByRole("list", { name: "Members of Key keepers" }).getByRole("button", { name: "Remove" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
  await expect(admin.getByRole("list", { name: "Members of Key keepers" })).toHaveCount(0);
  await viewer.goto(`/t/${GROUPS_TENANT}/tables`);
  await expect(viewer.getByRole("button", { name: "New table" })).toBeVisible();
  await expect(viewer.getByRole("link", { name: "API keys" })).toHaveCount(0);
});
