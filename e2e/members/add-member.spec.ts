// An Admin adds members by email: outside addresses and existing members are refused next to the
// field (keeping what was typed); a new address gets an account, shows as Invited at once (address
// only), receives an invitation whose link (/join/<slug>?token=) they follow, sign in from and accept
// with "Accept invitation"; then they are in the tenant and show as Active.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { MEMBERS_DOMAIN, MEMBERS_PEOPLE } from "../seed/members";
import { awaitNewMail, signInLinkIn } from "../support/mail";
import { followSignInLink, signIn } from "../support/sign-in";
import type { RoleLabel } from "../../lib/permissions";

const MEMBERS = "/t/members-main/members";

async function submitAdd(page: Page, email: string, roles: RoleLabel[]) {
  const form = page.getByRole("form", { name: "Add a member" });
  await form.getByRole("textbox", { name: "Email" }).fill(email);
  for (const role of ["Viewer", "Editor", "Admin"] satisfies RoleLabel[]) await form.getByRole("checkbox", { name: role }).setChecked(roles.includes(role));
  await form.getByRole("button", { name: "Add member" }).click();
  return form;
}

test("adding by email: refusals next to the field, then a new member who accepts the mailed invitation", async ({ page, browser }) => {
  await signIn(page, MEMBERS_PEOPLE.admin);
  await page.goto(MEMBERS);

  const outside = "someone@outside.example";
  let form = await submitAdd(page, outside, ["Viewer"]);
  await expect(form.getByRole("alert").filter({ hasText: `outside this tenant's approved domains (${MEMBERS_DOMAIN})` })).toBeVisible();
  await expect(form.getByRole("textbox", { name: "Email" })).toHaveValue(outside);

  form = await submitAdd(page, `  ${MEMBERS_PEOPLE.peer.toUpperCase()} `, ["Admin"]);
  await expect(form.getByRole("alert").filter({ hasText: `${MEMBERS_PEOPLE.peer} is already a member.` })).toBeVisible();
  await expect(form.getByRole("checkbox", { name: "Admin" })).toBeChecked();

  const newcomer = `newcomer-${randomBytes(3).toString("hex")}@${MEMBERS_DOMAIN}`;
  const invitation = await awaitNewMail(newcomer, async () => {
    await submitAdd(page, newcomer, ["Viewer", "Editor"]);
    await expect(page.getByRole("status").filter({ hasText: `Added ${newcomer} as Viewer, Editor.` })).toBeVisible();
  });
  const row = page.getByRole("row", { name: new RegExp(newcomer) });
  await expect(row).toContainText("Invited");
  await expect(page.getByRole("form", { name: "Add a member" }).getByRole("textbox", { name: "Email" })).toHaveValue("");

  // The table's state lives in the URL: the newcomer is found by status and by search.
  await page.getByRole("combobox", { name: "Status" }).selectOption("invited");
  await expect(page).toHaveURL(/status=invited/);
  await expect(page.getByRole("row", { name: new RegExp(MEMBERS_PEOPLE.peer) })).toHaveCount(0);
  await expect(row).toBeVisible();
  await page.getByRole("combobox", { name: "Status" }).selectOption("");
  await page.getByRole("searchbox", { name: "Search" }).fill("newcomer-");
  await expect(page).toHaveURL(/q=newcomer-/);
  await expect(page.getByRole("row")).toHaveCount(2); // header + the newcomer

  expect(invitation.subject).toBe("You are invited to Members Main on Tenantry");
  expect(invitation.text).toContain(`${MEMBERS_PEOPLE.admin} invited you (${newcomer}) to Members Main as Viewer, Editor.`);
  expect(invitation.html).toContain("Accept invitation");
  const link = invitation.text.match(/https?:\/\/\S+\/join\/members-main\?token=\S+/)?.[0];
  expect(link).toBeDefined();

  // The newcomer follows the invitation, signs in from it (their address filled in), comes back and accepts.
  const newcomerContext = await browser.newContext();
  const newcomerPage = await newcomerContext.newPage();
  await newcomerPage.goto(link!);
  await expect(newcomerPage.getByText("You are invited to Members Main as Viewer, Editor")).toBeVisible();
  await newcomerPage.getByRole("link", { name: "Sign in to accept" }).click();
  await expect(newcomerPage.getByRole("textbox", { name: "Email" })).toHaveValue(newcomer);
  const signInMail = await awaitNewMail(newcomer, async () => {
    await newcomerPage.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(newcomerPage.getByRole("heading", { name: "Check your email" })).toBeVisible();
  });
  await followSignInLink(newcomerPage, signInLinkIn(signInMail));
  await expect(newcomerPage).toHaveURL(/\/join\/members-main\?token=/);
  await newcomerPage.getByRole("button", { name: "Accept invitation" }).click();
  await expect(newcomerPage).toHaveURL(/\/t\/members-main$/);
  await expect(newcomerPage.getByTestId("my-roles")).toHaveText("Viewer, Editor");
  await newcomerContext.close();

  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(newcomer) })).toContainText("Active");
});

test("a member whose address is outside the approved domains is flagged in the list", async ({ page }) => {
  await signIn(page, MEMBERS_PEOPLE.peer);
  await page.goto(MEMBERS);
  await expect(page.getByRole("row", { name: new RegExp(MEMBERS_PEOPLE.outsider) })).toContainText("Outside approved domains");
  await expect(page.getByRole("row", { name: new RegExp(MEMBERS_PEOPLE.peer) })).not.toContainText("Outside approved domains");
});

test("an Admin resends and revokes an invitation; replaced and revoked links stop working", async ({ page, browser }) => {
  await signIn(page, MEMBERS_PEOPLE.admin);
  await page.goto(MEMBERS);
  const invitee = `invitee-${randomBytes(3).toString("hex")}@${MEMBERS_DOMAIN}`;
  const first = await awaitNewMail(invitee, async () => {
    await submitAdd(page, invitee, ["Viewer"]);
    await expect(page.getByRole("status").filter({ hasText: `Added ${invitee} as Viewer.` })).toBeVisible();
  });
  const linkIn = (mail: { text: string }) => mail.text.match(/https?:\/\/\S+\/join\/members-main\?token=\S+/)![0];
  const row = page.getByRole("row", { name: new RegExp(invitee) });
  await expect(row).toContainText("Invited");
  await expect(row.getByRole("button", { name: "Suspend" })).toHaveCount(0);

  const second = await awaitNewMail(invitee, async () => {
    await row.getByRole("button", { name: "Resend invitation" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Sent ${invitee} a new invitation.` })).toBeVisible();
  });
  expect(linkIn(second)).not.toBe(linkIn(first));

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(linkIn(first));
  await expect(visitor.getByRole("alert").filter({ hasText: "This invitation link does not work" })).toBeVisible();
  await visitor.goto(linkIn(second));
  await expect(visitor.getByRole("link", { name: "Sign in to accept" })).toBeVisible();

  await row.getByRole("button", { name: "Revoke invitation" }).click();
  await page.getByRole("dialog", { name: `Revoke the invitation to ${invitee}?` }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Revoked the invitation to ${invitee}.` })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(invitee) })).toHaveCount(0);
  await visitor.goto(linkIn(second));
  await expect(visitor.getByRole("alert").filter({ hasText: "This invitation link does not work" })).toBeVisible();
  await visitor.context().close();
});
