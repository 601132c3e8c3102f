// The members page's role editor with custom groups: an Admin ticks a custom group on a member's row
// (beside Viewer / Editor / Admin) and saves; the member has the group's permission on their very next
// request, the list shows the group on the row, and the Role filter offers it.
import { expect, test, type Page } from "@playwright/test";
import { GROUPS_PEOPLE, GROUPS_TENANT } from "../seed/groups";
import { signedInPage } from "../support/sign-in";

const MEMBERS = `/t/${GROUPS_TENANT}/members`;
const rowOf = (page: Page, email: string) => page.getByRole("row", { name: new RegExp(email.replace(/\./g, "\\.")) });

test("an Admin ticks a custom group on the members page: the member has its permission on the next request", async ({ browser }) => {
  // Several people sign in by mail (each waits for its message): more than one page's time.
  test.setTimeout(180_000);
  const admin = await signedInPage(browser, GROUPS_PEOPLE.admin);
  const member = await signedInPage(browser, GROUPS_PEOPLE.member);

  await member.goto(`/t/${GROUPS_TENANT}/tables`);
  await expect(member.getByRole("button", { name: "New table" })).toHaveCount(0);

  // A group with Edit tables and nobody in it yet.
  await admin.goto(`/t/${GROUPS_TENANT}/groups`);
  await admin.getByRole("textbox", { name: "Name" }).fill("Table makers");
  await admin.getByRole("checkbox", { name: "Edit tables", exact: true }).check();
  await admin.getByRole("button", { name: "New group" }).click();
  await expect(admin.getByRole("heading", { name: "Table makers", level: 1 })).toBeVisible();

  await admin.goto(MEMBERS);
  const row = rowOf(admin, GROUPS_PEOPLE.member);
  await expect(row.getByRole("checkbox", { name: "Viewer" })).toBeChecked();
  await row.getByRole("checkbox", { name: "Table makers" }).check();
  await row.getByRole("button", { name: "Save roles" }).click();
  await expect(row.getByRole("status")).toContainText(`${GROUPS_PEOPLE.member} is now Viewer, Table makers.`);
  await expect(row.getByRole("checkbox", { name: "Table makers" })).toBeChecked();

  // The member's next request: the group's permission.
  await member.goto(`/t/${GROUPS_TENANT}/tables`);
  await expect(member.getByRole("button", { name: "New table" })).toBeVisible();
  // Everyone sees the member's groups on the list.
  await member.goto(MEMBERS);
  await expect(rowOf(member, GROUPS_PEOPLE.member)).toContainText("Table makers");

  // The Role filter offers the custom group and lists its members only.
  await admin.getByRole("combobox", { name: "Role" }).selectOption({ label: "Table makers" });
  await expect(admin.getByRole("row")).toHaveCount(2); // header + the member
  await expect(rowOf(admin, GROUPS_PEOPLE.member)).toBeVisible();

  // Unticked again: the permission goes on the next request.
  await admin.goto(MEMBERS);
  await rowOf(admin, GROUPS_PEOPLE.member).getByRole("checkbox", { name: "Table makers" }).uncheck();
  await rowOf(admin, GROUPS_PEOPLE.member).getByRole("button", { name: "Save roles" }).click();
  await expect(rowOf(admin, GROUPS_PEOPLE.member).getByRole("status")).toContainText("is now Viewer.");
  await member.goto(`/t/${GROUPS_TENANT}/tables`);
  await expect(member.getByRole("heading", { name: "Tables" })).toBeVisible();
  await expect(member.getByRole("button", { name: "New table" })).toHaveCount(0);
});
