// Two-factor required of the members of chosen groups (issue 15, item 3): an Admin (without two-factor
// themselves: the chosen group is not theirs) creates a custom group, puts a member in it, and requires
// two-factor of it in Settings. On their next request that member is sent to enrol before anything of
// the tenant; a member outside the group goes on as before.
import { expect, test } from "@playwright/test";
import { signedInPage } from "../support/sign-in";
import { enrolOnProfile } from "../support/two-factor";

const TENANT = "twofactor-groups";
const [ADMIN, FINANCE, OTHER] = ["admin@tfgroups.e2e.test", "finance@tfgroups.e2e.test", "other@tfgroups.e2e.test"];

test("members of a chosen group must enrol on their next request; others need not", async ({ browser }) => {
  // Several people sign in by mail (each waits for its message): more than one page's time.
  test.setTimeout(180_000);
  const [admin, finance, other] = [await signedInPage(browser, ADMIN), await signedInPage(browser, FINANCE), await signedInPage(browser, OTHER)];
  await finance.goto(`/t/${TENANT}/members`);
  await expect(finance.getByRole("heading", { name: "Members" })).toBeVisible();

  await admin.goto(`/t/${TENANT}/groups`);
  await admin.getByRole("textbox", { name: "Name" }).fill("Finance");
  await admin.getByRole("checkbox", { name: "Run flows", exact: true }).check();
  await admin.getByRole("button", { name: "New group" }).click();
  await expect(admin.getByRole("heading", { name: "Finance", level: 1 })).toBeVisible();
  await admin.getByRole("combobox", { name: "Member" }).selectOption({ label: FINANCE });
  await admin.getByRole("button", { name: "Add to group" }).click();
  await expect(admin.getByRole("list", { name: "Members of Finance" })).toContainText(FINANCE);

  await admin.goto(`/t/${TENANT}/settings`);
  const section = admin.getByRole("region", { name: "Two-factor authentication" });
  await section.getByRole("combobox", { name: "Require two-factor" }).selectOption({ label: "Members of chosen groups" });
  // Nothing ticked: refused next to the checkboxes.
  await section.getByRole("button", { name: "Save two-factor requirement" }).click();
  await expect(section.getByRole("alert")).toContainText("Choose at least one group.");
  await section.getByRole("checkbox", { name: "Finance" }).check();
  await section.getByRole("button", { name: "Save two-factor requirement" }).click();
  await expect(section.getByRole("status").filter({ hasText: "Two-factor requirement saved." })).toBeVisible();
  await admin.reload();
  await expect(section.getByRole("combobox", { name: "Require two-factor" })).toHaveValue("groups");
  await expect(section.getByRole("checkbox", { name: "Finance" })).toBeChecked();
  await expect(section.getByRole("checkbox", { name: "Admin" })).not.toBeChecked();

  // The group's member: sent to enrol on the next request, in before anything else once enrolled.
  await finance.goto(`/t/${TENANT}/members`);
  await expect(finance).toHaveURL(new RegExp(`/profile\\?reason=two-factor-required&for=${TENANT}$`));
  await expect(finance.getByRole("heading", { name: "Members" })).toHaveCount(0);
  await enrolOnProfile(finance);
  await finance.goto(`/t/${TENANT}/members`);
  await expect(finance.getByRole("heading", { name: "Members" })).toBeVisible();

  // A member outside the group, and the Admin, go on without two-factor.
  await other.goto(`/t/${TENANT}/members`);
  await expect(other.getByRole("heading", { name: "Members" })).toBeVisible();
  await admin.goto(`/t/${TENANT}/members`);
  await expect(admin.getByRole("heading", { name: "Members" })).toBeVisible();
});
