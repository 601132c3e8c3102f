// Two browsers, an Admin and a member: every change the Admin makes applies on the member's very next
// request, without the member signing out: promotion, demotion, suspension (and back), removal.
import { expect, test, type Page } from "@playwright/test";
import { MEMBERS_PEOPLE } from "../seed/members";
import { signIn } from "../support/sign-in";
import type { RoleLabel } from "../../lib/permissions";

const MEMBERS = "/t/members-main/members";

const rowOf = (page: Page, email: string) => page.getByRole("row", { name: new RegExp(email.replace(/\./g, "\\.")) });

async function saveRoles(admin: Page, email: string, change: Record<RoleLabel, boolean>) {
  const row = rowOf(admin, email);
  for (const [role, checked] of Object.entries(change)) await row.getByRole("checkbox", { name: role }).setChecked(checked);
  await row.getByRole("button", { name: "Save roles" }).click();
  // This save's own notice (the previous save's "… is now …" may still be on the page).
  const roles = (["Viewer", "Editor", "Admin"] satisfies RoleLabel[]).filter((role) => change[role]);
  await expect(admin.getByRole("status").filter({ hasText: `${email} is now ${roles.join(", ")}.` })).toBeVisible();
}

async function switcherTenants(page: Page) {
  await page.getByRole("button", { name: "Switch tenant" }).click();
  const names = await page.getByRole("menuitem").allTextContents();
  await page.keyboard.press("Escape");
  return names;
}

test("promotion, demotion, suspension and removal apply on the member's next request", async ({ browser }) => {
  const adminContext = await browser.newContext();
  const memberContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const member = await memberContext.newPage();
  await signIn(admin, MEMBERS_PEOPLE.admin);
  await signIn(member, MEMBERS_PEOPLE.mover);
  await admin.goto(MEMBERS);
  await member.goto(MEMBERS);

  // A Viewer reads the list, without any Admin control.
  await expect(member.getByRole("heading", { name: "Members" })).toBeVisible();
  await expect(rowOf(member, MEMBERS_PEOPLE.peer)).toContainText("Editor");
  await expect(member.getByRole("button", { name: "Add member" })).toHaveCount(0);
  await expect(member.getByRole("button", { name: "Remove" })).toHaveCount(0);
  await expect(member.getByRole("checkbox")).toHaveCount(0);

  // Promotion: the member's next page load has the Admin controls.
  await saveRoles(admin, MEMBERS_PEOPLE.mover, { Viewer: true, Editor: false, Admin: true });
  await member.reload();
  await expect(member.getByRole("button", { name: "Add member" })).toBeVisible();
  await expect(rowOf(member, MEMBERS_PEOPLE.peer).getByRole("button", { name: "Suspend" })).toBeVisible();

  // Demotion: the page the member still has open shows Admin controls, but their next action is refused.
  await saveRoles(admin, MEMBERS_PEOPLE.mover, { Viewer: true, Editor: false, Admin: false });
  const peerRow = rowOf(member, MEMBERS_PEOPLE.peer);
  await peerRow.getByRole("button", { name: "Suspend" }).click();
  await expect(peerRow.getByRole("alert")).toHaveText("You do not have permission to do this in this tenant.");
  await admin.reload();
  await expect(rowOf(admin, MEMBERS_PEOPLE.peer)).toContainText("Active");
  await member.reload();
  await expect(member.getByRole("button", { name: "Add member" })).toHaveCount(0);

  // Suspension: the tenant is gone for the member (a 404 like any tenant that is not theirs, and
  // out of the switcher); their other tenant is untouched. Reactivation brings it back.
  await rowOf(admin, MEMBERS_PEOPLE.mover).getByRole("button", { name: "Suspend" }).click();
  await expect(rowOf(admin, MEMBERS_PEOPLE.mover)).toContainText("Suspended");
  expect((await member.reload())?.status()).toBe(404);
  await member.goto("/t/members-side");
  await expect(member.getByRole("heading", { name: "Members Side" })).toBeVisible();
  expect(await switcherTenants(member)).toEqual(["Members Side"]);

  await rowOf(admin, MEMBERS_PEOPLE.mover).getByRole("button", { name: "Reactivate" }).click();
  await expect(rowOf(admin, MEMBERS_PEOPLE.mover)).toContainText("Active");
  expect((await member.goto(MEMBERS))?.status()).toBe(200);
  await expect(rowOf(member, MEMBERS_PEOPLE.mover)).toContainText("Viewer");
  expect(await switcherTenants(member)).toEqual(["Members Main", "Members Side"]);

  // Removal, after confirming: access ends on the next request; the account and the other tenant stay.
  await rowOf(admin, MEMBERS_PEOPLE.mover).getByRole("button", { name: "Remove" }).click();
  const dialog = admin.getByRole("dialog", { name: `Remove ${MEMBERS_PEOPLE.mover}?` });
  await dialog.getByRole("button", { name: "Remove member" }).click();
  await expect(rowOf(admin, MEMBERS_PEOPLE.mover)).toHaveCount(0);
  expect((await member.reload())?.status()).toBe(404);
  await member.goto("/t/members-side");
  await expect(member.getByRole("heading", { name: "Members Side" })).toBeVisible();
  expect(await switcherTenants(member)).toEqual(["Members Side"]);

  await adminContext.close();
  await memberContext.close();
});
