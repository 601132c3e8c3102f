// A member in a custom group only (issue 15): an Admin unticks Viewer and ticks a group with one
// permission on the members page; on the member's next request they hold exactly that permission (its
// page and nav link, and none of the Viewer baseline: no Activity). Unticking everything is refused
// next to the checkboxes.
import { expect, test, type Page } from "@playwright/test";
import { GROUPS_PEOPLE, GROUPS_TENANT } from "../seed/groups";
import { signedInPage } from "../support/sign-in";

const TENANT = `/t/${GROUPS_TENANT}`;
const rowOf = (page: Page, email: string) => page.getByRole("row", { name: new RegExp(email.replace(/\./g, "\\.")) });

test("a member only in a custom group holds exactly its permission on the next request", async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await signedInPage(browser, GROUPS_PEOPLE.admin);
  const member = await signedInPage(browser, GROUPS_PEOPLE.groupsOnly);

  // As a Viewer: the Activity link, no Tables group yet.
  await member.goto(TENANT);
  const memberNav = member.getByRole("navigation").first();
  await expect(memberNav.getByRole("link", { name: "Activity", exact: true })).toBeVisible();

  await admin.goto(`${TENANT}/groups`);
  await admin.getByRole("textbox", { name: "Name" }).fill("Table readers");
  await admin.getByRole("checkbox", { name: "See tables", exact: true }).check();
  await admin.getByRole("button", { name: "New group" }).click();
  await expect(admin.getByRole("heading", { name: "Table readers", level: 1 })).toBeVisible();

  await admin.goto(`${TENANT}/members`);
  const row = rowOf(admin, GROUPS_PEOPLE.groupsOnly);
  await row.getByRole("checkbox", { name: "Table readers" }).check();
  await row.getByRole("checkbox", { name: "Viewer" }).uncheck();
  await row.getByRole("button", { name: "Save roles" }).click();
  await expect(row.getByRole("status")).toContainText(`${GROUPS_PEOPLE.groupsOnly} is now Table readers.`);
  await expect(row.getByRole("checkbox", { name: "Viewer" })).not.toBeChecked();

  // The member's next request: Tables, and nothing of the Viewer baseline.
  await member.goto(TENANT);
  await expect(member.getByTestId("my-roles")).toHaveText("Table readers");
  await expect(memberNav.getByRole("link", { name: "Tables", exact: true })).toBeVisible();
  await expect(memberNav.getByRole("link", { name: "Activity", exact: true })).toHaveCount(0);
  await expect(memberNav.getByRole("link", { name: "Members", exact: true })).toHaveCount(0);
  await member.goto(`${TENANT}/tables`);
  await expect(member.getByRole("heading", { name: "Tables" })).toBeVisible();
  const activity = await member.goto(`${TENANT}/activity`);
  expect(activity?.status()).toBe(404);

  // Unticking the last group too is refused next to the checkboxes; nothing changes.
  await admin.goto(`${TENANT}/members`);
  const again = rowOf(admin, GROUPS_PEOPLE.groupsOnly);
  await again.getByRole("checkbox", { name: "Table readers" }).uncheck();
  await again.getByRole("button", { name: "Save roles" }).click();
  await expect(again.getByRole("alert")).toHaveText("Choose at least one role or group.");
  await admin.reload();
  await expect(rowOf(admin, GROUPS_PEOPLE.groupsOnly).getByRole("checkbox", { name: "Table readers" })).toBeChecked();
});
