// Every server action leaves an activity entry. The test imports every actions module in app/ (found
// on disk, so a new module is covered without editing this file), then runs a scenario for each
// action the wrappers registered, and fails if the action wrote nothing to the tenant or platform
// log, or if an action has no scenario yet.
//
// Adding a scenario: one entry in `scenarios` below: set up what the action needs (fixtures), sign in
// the right caller, call the action with valid input, and return the caller and the result.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { enterTenant, withPlatform, withSystem, withTenant } from "@/db/scopes";
import { activity, platformActivity, tenants, type MemberRole } from "@/db/schema";
import { ACTION_NAMES } from "@/lib/activity/action-names";
import type { ActionResult } from "@/lib/action-result";
import { addMember, createTenant, createUser, uniqueSuffix } from "../support/fixtures";
import { queuedMailTo } from "../support/outbox";
import { signInAs } from "../support/session";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
// Actions revalidate pages, which needs a Next.js request; the entries are what this test is about.
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, refresh: () => {} }));
// Outside a request: no headers or cookies, and mail goes nowhere (the mail tests read mail).
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));

const APP = path.resolve(import.meta.dirname, "../../app");

/** app/**\/actions.ts and app/**\/actions/*.ts */
function actionModules(): string[] {
  return (fs.readdirSync(APP, { recursive: true }) as string[])
    .map((file) => file.split(path.sep).join("/"))
    .filter((file) => /(^|\/)actions\.ts$/.test(file) || /(^|\/)actions\/[^/]+\.ts$/.test(file))
    .sort();
}

type Caller = { id: string; email: string };
type Scenario = () => Promise<{ caller: Caller; result: ActionResult<unknown> }>;

// A fresh caller per scenario: the entries it leaves are found by actor, whatever else runs meanwhile.
// The tenant is on the Enterprise license, so every paid feature's action can run.
async function memberOfNewTenant(roles: MemberRole[]) {
  const tenant = await createTenant("complete", { license: "enterprise" });
  const caller = await createUser("caller");
  await addMember(tenant.id, caller.id, roles);
  signInAs(caller);
  return { tenant, caller };
}

async function newSuperadmin() {
  const caller = await createUser("root", { isSuperadmin: true });
  signInAs(caller);
  return caller;
}

/** A signed-in user whose two-factor enrolment waits for its first code; `code(n)`: the code n steps ahead. */
async function pendingEnrolment() {
  const { startEnrolment, twoFactorState } = await import("@/lib/two-factor/enrolment");
  // The enrolment is set up directly (no entry), so the entry found is the action's own.
  const { Secret, TOTP } = await import("otpauth");
  const caller = await createUser("two-factor");
  const state = await withSystem(async (tx) => {
    await startEnrolment(tx, caller.id);
    return twoFactorState(tx, caller);
  });
  if (state.status !== "pending") throw new Error("setup: no pending enrolment");
  const totp = new TOTP({ secret: Secret.fromBase32(state.enrolment.secret) });
  signInAs(caller);
  return { caller, code: (stepsAhead: number) => totp.generate({ timestamp: Date.now() + stepsAhead * 30_000 }) };
}

/** An Editor's tenant with one data table and one row in it, for the table actions that need them. */
async function editorWithDataTable() {
  const { createDataTable, addRow } = await import("@/app/t/[slug]/tables/actions");
  const { tenant } = await memberOfNewTenant(["editor"]);
  const created = await createDataTable(tenant.slug, null, { name: "Customers", columns: [{ name: "Name", type: "text" }] });
  if (!created.ok) throw new Error(`setup: ${created.message}`);
  const row = await addRow(tenant.slug, null, { tableId: created.data.id, c0: "Ada" });
  if (!row.ok) throw new Error(`setup: ${row.message}`);
  // The setup's own entries must not count for the action under test: a fresh caller runs it.
  const runner = await createUser("table-editor");
  await addMember(tenant.id, runner.id, ["editor"]);
  signInAs(runner);
  return { tenant, caller: runner, tableId: created.data.id, rowId: row.data.id };
}

/** An Editor's tenant with one flow, for the flow actions that need one. */
async function editorWithFlow() {
  const { createFlow } = await import("@/app/t/[slug]/flows/actions");
  const { tenant } = await memberOfNewTenant(["editor"]);
  const created = await createFlow(tenant.slug, null, { name: "Nightly", steps: ["validate"] });
  if (!created.ok) throw new Error(`setup: ${created.message}`);
  // The setup's own entry must not count for the action under test: a fresh caller runs it.
  const runner = await createUser("flow-editor");
  await addMember(tenant.id, runner.id, ["editor"]);
  signInAs(runner);
  return { tenant, caller: runner, flowId: created.data.id };
}

/** An Admin (signed in) of a tenant with a package of one Production flow, for the package actions that need one. */
async function adminWithPackage() {
  const { createPackage } = await import("@/app/t/[slug]/packages/actions");
  const { tenant, flowId } = await editorWithFlow();
  const caller = await createUser("package-admin");
  await addMember(tenant.id, caller.id, ["admin"]);
  signInAs(caller);
  const made = await createPackage(tenant.slug, null, { name: "Release 1", environment: "production", flowIds: [flowId] });
  if (!made.ok) throw new Error(`setup: ${made.message}`);
  return { tenant, caller, packageId: made.data.id };
}

/** An Admin's tenant with one more member, for the member actions that need a target. */
async function adminWithMember(status: "active" | "suspended" = "active") {
  const { tenant, caller } = await memberOfNewTenant(["admin"]);
  const target = await createUser("target");
  const membership = await addMember(tenant.id, target.id, ["viewer"]);
  if (status === "suspended") {
    const { suspendMember } = await import("@/app/t/[slug]/members/actions/suspend-member");
    const suspended = await suspendMember(tenant.slug, null, { memberId: membership.id });
    if (!suspended.ok) throw new Error(`setup: ${suspended.message}`);
    // The setup's own entry must not count for the action under test: a fresh Admin runs it.
    const admin = await createUser("second-admin");
    await addMember(tenant.id, admin.id, ["admin"]);
    signInAs(admin);
    return { tenant, caller: admin, memberId: membership.id };
  }
  return { tenant, caller, memberId: membership.id };
}

/** An Admin's tenant with an Invited member, added (and mailed an invitation) through "Add member". */
async function adminWithInvited() {
  const { addMember: add } = await import("@/app/t/[slug]/members/actions/add-member");
  const { tenant, caller } = await memberOfNewTenant(["admin"]);
  const invitee = await createUser("invitee");
  const added = await add(tenant.slug, null, { email: invitee.email, roles: ["viewer"] });
  if (!added.ok) throw new Error(`setup: ${added.message}`);
  return { tenant, caller, invitee, memberId: added.data.memberId };
}

/** An Admin's tenant with one credential, added by another Admin (whose entry must not count). */
/** A dashboard with two flow-run widgets, and a fresh Editor (whose entries alone count) to act on it. */
async function editorWithDashboard() {
  const { createDashboard, addWidget } = await import("@/app/t/[slug]/dashboards/actions");
  const { tenant } = await memberOfNewTenant(["editor"]);
  const created = await createDashboard(tenant.slug, null, { name: "Sales" });
  if (!created.ok) throw new Error(`setup: ${created.message}`);
  const widgetIds: string[] = [];
  for (const title of ["Runs", "Failures"]) {
    const added = await addWidget(tenant.slug, null, { dashboardId: created.data.id, kind: "number", title, source: "flow_runs", status: "any" });
    if (!added.ok) throw new Error(`setup: ${added.message}`);
    widgetIds.push(added.data.id);
  }
  const caller = await createUser("dashboard-editor");
  await addMember(tenant.id, caller.id, ["editor"]);
  signInAs(caller);
  return { tenant, caller, dashboardId: created.data.id, widgetIds };
}

/** An incoming webhook connection (its test needs no network), and a fresh Editor to act on it. */
async function editorWithConnection() {
  const { createConnection } = await import("@/app/t/[slug]/connections/actions");
  const { tenant } = await memberOfNewTenant(["editor"]);
  const created = await createConnection(tenant.slug, null, { name: "Inbound", connector: "incoming_webhook" });
  if (!created.ok) throw new Error(`setup: ${created.message}`);
  const caller = await createUser("connection-editor");
  await addMember(tenant.id, caller.id, ["editor"]);
  signInAs(caller);
  return { tenant, caller, connectionId: created.data.id };
}

async function adminWithCredential() {
  const { addCredential } = await import("@/app/t/[slug]/credentials/actions");
  const { tenant } = await memberOfNewTenant(["admin"]);
  const added = await addCredential(tenant.slug, null, { name: "Mailgun", value: "key-0123456789abcdef" });
  if (!added.ok) throw new Error(`setup: ${added.message}`);
  const caller = await createUser("credential-admin");
  await addMember(tenant.id, caller.id, ["admin"]);
  signInAs(caller);
  return { tenant, caller, credentialId: added.data.id };
}

/** An Admin's tenant with a custom group and one more member, both made directly (no entries). */
async function adminWithGroup() {
  const { tenant, caller } = await memberOfNewTenant(["admin"]);
  const target = await createUser("grouped");
  const membership = await addMember(tenant.id, target.id, ["viewer"]);
  const groupId = await withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
    const { insertGroup, insertGroupMember } = await import("@/db/queries/groups");
    const group = await insertGroup(tx, { name: "Operators", permissions: ["flows.run"] });
    await insertGroupMember(tx, group.id, target.id);
    return group.id;
  });
  return { tenant, caller, groupId, memberId: membership.id };
}

/** A flow in the tenant, made directly (no entry). */
async function flowOf(tenantId: string) {
  const { insertFlow } = await import("@/db/queries/flows");
  return withTenant({ tenantId, userId: null }, async (tx) => (await insertFlow(tx, { name: `Flow ${uniqueSuffix()}`, steps: ["validate"], createdBy: null })).id);
}

/** A new flow template, created by the signed-in superadmin. */
async function newFlowTemplate() {
  const { createFlowTemplate } = await import("@/app/admin/templates/actions");
  return createFlowTemplate(null, { name: `Template ${uniqueSuffix()}`, description: "From the workspace", steps: ["validate"] });
}

/** A template made by a superadmin of its own (signed in only while making it). */
async function existingFlowTemplate() {
  await newSuperadmin();
  const created = await newFlowTemplate();
  if (!created.ok) throw new Error(created.message);
  return created.data.id;
}

/** An Editor (signed in) of a new tenant that uses a flow template. */
async function editorUsingFlowTemplate() {
  const { applyFlowTemplate } = await import("@/app/t/[slug]/flows/templates/actions");
  const templateId = await existingFlowTemplate();
  const { tenant, caller } = await memberOfNewTenant(["editor"]);
  const used = await applyFlowTemplate(tenant.slug, null, { templateId });
  if (!used.ok) throw new Error(used.message);
  return { tenant, caller, useId: used.data.id };
}

/** A new table template, created by the signed-in superadmin. */
async function newTableTemplate() {
  const { createTableTemplate } = await import("@/app/admin/templates/table-template-actions");
  return createTableTemplate(null, { name: `Table template ${uniqueSuffix()}`, description: "From the workspace", columns: [{ name: "Email", type: "text" }] });
}

/** An Editor (signed in) of a new tenant with a table made from a table template (of a superadmin of its own). */
async function editorUsingTableTemplate() {
  const { applyTableTemplate } = await import("@/app/t/[slug]/tables/templates/actions");
  await newSuperadmin();
  const created = await newTableTemplate();
  if (!created.ok) throw new Error(created.message);
  const { tenant, caller } = await memberOfNewTenant(["editor"]);
  const used = await applyTableTemplate(tenant.slug, null, { templateId: created.data.id });
  if (!used.ok) throw new Error(used.message);
  return { tenant, caller, tableId: used.data.id, templateId: created.data.id };
}

const scenarios: Record<string, Scenario> = {
  "group.create": async () => {
    const { createGroup } = await import("@/app/t/[slug]/groups/actions/create-group");
    const { tenant, caller } = await memberOfNewTenant(["admin"]);
    return { caller, result: await createGroup(tenant.slug, null, { name: "Engineering", permissions: ["flows.write"] }) };
  },
  "group.rename": async () => {
    const { renameGroup } = await import("@/app/t/[slug]/groups/actions/rename-group");
    const { tenant, caller, groupId } = await adminWithGroup();
    return { caller, result: await renameGroup(tenant.slug, null, { groupId, name: "Runners" }) };
  },
  "group.permissions_change": async () => {
    const { setGroupPermissions } = await import("@/app/t/[slug]/groups/actions/set-group-permissions");
    const { tenant, caller, groupId } = await adminWithGroup();
    return { caller, result: await setGroupPermissions(tenant.slug, null, { groupId, permissions: ["flows.run", "flows.write"] }) };
  },
  "group.delete": async () => {
    const { deleteGroup } = await import("@/app/t/[slug]/groups/actions/delete-group");
    const { tenant, caller, groupId } = await adminWithGroup();
    return { caller, result: await deleteGroup(tenant.slug, null, { groupId }) };
  },
  "group.member_add": async () => {
    const { addGroupMember } = await import("@/app/t/[slug]/groups/actions/group-membership");
    const { tenant, caller, groupId } = await adminWithGroup();
    const other = await addMember(tenant.id, (await createUser("joiner")).id, ["viewer"]);
    return { caller, result: await addGroupMember(tenant.slug, null, { groupId, memberId: other.id }) };
  },
  "group.member_remove": async () => {
    const { removeGroupMember } = await import("@/app/t/[slug]/groups/actions/group-membership");
    const { tenant, caller, groupId, memberId } = await adminWithGroup();
    return { caller, result: await removeGroupMember(tenant.slug, null, { groupId, memberId }) };
  },
  "group.flow_scope_change": async () => {
    const { setGroupFlowScope } = await import("@/app/t/[slug]/groups/actions/group-flow-scope");
    const { tenant, caller, groupId } = await adminWithGroup();
    return { caller, result: await setGroupFlowScope(tenant.slug, null, { groupId, flowScope: "selected" }) };
  },
  "group.flow_add": async () => {
    const { addGroupFlow } = await import("@/app/t/[slug]/groups/actions/group-flow-scope");
    const { tenant, caller, groupId } = await adminWithGroup();
    const flowId = await flowOf(tenant.id);
    return { caller, result: await addGroupFlow(tenant.slug, null, { groupId, flowId }) };
  },
  "group.flow_remove": async () => {
    const { removeGroupFlow } = await import("@/app/t/[slug]/groups/actions/group-flow-scope");
    const { tenant, caller, groupId } = await adminWithGroup();
    const flowId = await flowOf(tenant.id);
    await withTenant({ tenantId: tenant.id, userId: null }, async (tx) => (await import("@/db/queries/group-flows")).insertGroupFlow(tx, groupId, flowId));
    return { caller, result: await removeGroupFlow(tenant.slug, null, { groupId, flowId }) };
  },
  "member.add": async () => {
    const { addMember: add } = await import("@/app/t/[slug]/members/actions/add-member");
    const { tenant, caller } = await memberOfNewTenant(["admin"]);
    return { caller, result: await add(tenant.slug, null, { email: `new-${uniqueSuffix()}@example.test`, roles: ["viewer"] }) };
  },
  "member.roles_change": async () => {
    const { changeMemberRoles } = await import("@/app/t/[slug]/members/actions/change-member-roles");
    const { tenant, caller, memberId } = await adminWithMember();
    return { caller, result: await changeMemberRoles(tenant.slug, null, { memberId, roles: ["editor"] }) };
  },
  "member.suspend": async () => {
    const { suspendMember } = await import("@/app/t/[slug]/members/actions/suspend-member");
    const { tenant, caller, memberId } = await adminWithMember();
    return { caller, result: await suspendMember(tenant.slug, null, { memberId }) };
  },
  "member.reactivate": async () => {
    const { reactivateMember } = await import("@/app/t/[slug]/members/actions/reactivate-member");
    const { tenant, caller, memberId } = await adminWithMember("suspended");
    return { caller, result: await reactivateMember(tenant.slug, null, { memberId }) };
  },
  "member.remove": async () => {
    const { removeMember } = await import("@/app/t/[slug]/members/actions/remove-member");
    const { tenant, caller, memberId } = await adminWithMember();
    return { caller, result: await removeMember(tenant.slug, null, { memberId }) };
  },
  "member.invitation_resend": async () => {
    const { resendInvitation } = await import("@/app/t/[slug]/members/actions/resend-invitation");
    const { tenant, caller, memberId } = await adminWithInvited();
    return { caller, result: await resendInvitation(tenant.slug, null, { memberId }) };
  },
  "member.invitation_revoke": async () => {
    const { revokeInvitation } = await import("@/app/t/[slug]/members/actions/revoke-invitation");
    const { tenant, caller, memberId } = await adminWithInvited();
    return { caller, result: await revokeInvitation(tenant.slug, null, { memberId }) };
  },
  "invitation.accept": async () => {
    const { acceptInvitation } = await import("@/app/join/[slug]/actions");
    const { tenant, invitee } = await adminWithInvited();
    const mail = (await queuedMailTo(invitee.email)).at(-1);
    const token = mail?.text.match(/\/join\/[^?\s]+\?token=(\S+)/)?.[1];
    signInAs(invitee);
    return { caller: invitee, result: await acceptInvitation(null, { slug: tenant.slug, token }) };
  },
  "tenant.switch": async () => {
    const { switchTenant } = await import("@/app/t/[slug]/actions");
    const { tenant, caller } = await memberOfNewTenant(["viewer"]);
    return { caller, result: await switchTenant(tenant.slug, null, {}) };
  },
  "tenant.create": async () => {
    const { createTenant: create } = await import("@/app/tenants/new/actions");
    const caller = await createUser("creator", { canCreateTenants: true, tenantLimit: 1 });
    signInAs(caller);
    return { caller, result: await create(null, { name: `Fresh tenant ${uniqueSuffix()}`, slug: `fresh-${uniqueSuffix()}` }) };
  },
  "user.password_link.request": async () => {
    const { requestPasswordLink } = await import("@/app/profile/actions");
    const caller = await createUser("forgetful");
    signInAs(caller);
    return { caller, result: await requestPasswordLink(null, {}) };
  },
  "user.two_factor.start": async () => {
    const { startTwoFactorSetup } = await import("@/app/profile/two-factor/actions");
    const caller = await createUser("enrolling");
    signInAs(caller);
    return { caller, result: await startTwoFactorSetup(null, {}) };
  },
  "user.two_factor.confirm": async () => {
    const { confirmTwoFactorSetup } = await import("@/app/profile/two-factor/actions");
    const { caller, code } = await pendingEnrolment();
    return { caller, result: await confirmTwoFactorSetup(null, { code: code(0) }) };
  },
  "user.two_factor.disable": async () => {
    const { disableTwoFactor } = await import("@/app/profile/two-factor/actions");
    const { confirmEnrolment } = await import("@/lib/two-factor/enrolment");
    const { caller, code } = await pendingEnrolment();
    // Confirmed directly (no entry), so the entry found is the disabling's own.
    if (!(await withSystem((tx) => confirmEnrolment(tx, caller.id, code(0))))) throw new Error("setup: enrolment not confirmed");
    signInAs(caller, "magic_link", "passed");
    return { caller, result: await disableTwoFactor(null, { code: code(1) }) };
  },
  "tenant.settings.update": async () => {
    const { updateGeneralSettings } = await import("@/app/t/[slug]/settings/actions");
    const { tenant, caller } = await memberOfNewTenant(["admin"]);
    return { caller, result: await updateGeneralSettings(tenant.slug, null, { name: `Renamed ${uniqueSuffix()}`, contactEmail: "ops@example.test" }) };
  },
  "tenant.approved_domain.add": async () => {
    const { addDomain } = await import("@/app/t/[slug]/settings/actions");
    const { tenant, caller } = await memberOfNewTenant(["admin"]);
    return { caller, result: await addDomain(tenant.slug, null, { domain: "example.test" }) };
  },
  "tenant.approved_domain.remove": async () => {
    const { addDomain, removeDomain } = await import("@/app/t/[slug]/settings/actions");
    const { tenant } = await memberOfNewTenant(["admin"]);
    await addDomain(tenant.slug, null, { domain: "example.test" });
    const caller = await createUser("domain-admin");
    await addMember(tenant.id, caller.id, ["admin"]);
    signInAs(caller);
    return { caller, result: await removeDomain(tenant.slug, null, { domain: "example.test" }) };
  },
  "tenant.login_policy.update": async () => {
    const { setMagicLinkLogin } = await import("@/app/t/[slug]/settings/actions");
    const { tenant, caller } = await memberOfNewTenant(["admin"]);
    signInAs(caller, "password");
    return { caller, result: await setMagicLinkLogin(tenant.slug, null, { magicLinkEnabled: false }) };
  },
  "tenant.client_access.update": async () => {
    const { setViewersSeeDashboardsOnly } = await import("@/app/t/[slug]/settings/client-access/actions");
    const { tenant, caller } = await memberOfNewTenant(["admin"]);
    return { caller, result: await setViewersSeeDashboardsOnly(tenant.slug, null, { viewersSeeDashboardsOnly: true }) };
  },
  "tenant.two_factor_requirement.update": async () => {
    const { setTwoFactorRequirement } = await import("@/app/t/[slug]/settings/actions");
    const { tenant, caller } = await memberOfNewTenant(["admin"]);
    signInAs(caller, "magic_link", "passed");
    return { caller, result: await setTwoFactorRequirement(tenant.slug, null, { twoFactorRequired: "everyone" }) };
  },
  "tenant.delete": async () => {
    const { deleteTenant } = await import("@/app/t/[slug]/settings/actions");
    const { tenant, caller } = await memberOfNewTenant(["admin"]);
    return { caller, result: await deleteTenant(tenant.slug, null, { confirmName: tenant.name }) };
  },
  "tenant.archive": async () => {
    const { archiveTenant } = await import("@/app/t/[slug]/settings/archive/actions");
    const { tenant, caller } = await memberOfNewTenant(["admin"]);
    return { caller, result: await archiveTenant(tenant.slug, null, {}) };
  },
  "tenant.restore": async () => {
    const { archiveTenant, restoreTenant } = await import("@/app/t/[slug]/settings/archive/actions");
    const { tenant } = await memberOfNewTenant(["admin"]);
    // The setup's own entry must not count for the action under test: a second Admin restores (added
    // before archiving: an archived tenant takes no new members).
    const caller = await createUser("restorer");
    await addMember(tenant.id, caller.id, ["admin"]);
    const archived = await archiveTenant(tenant.slug, null, {});
    if (!archived.ok) throw new Error(`setup: ${archived.message}`);
    signInAs(caller);
    return { caller, result: await restoreTenant(tenant.slug, null, {}) };
  },
  "tenant.archived": async () => {
    const { archiveTenantAsSuperadmin } = await import("@/app/admin/tenant-archive/actions");
    const tenant = await createTenant("to-archive");
    const caller = await newSuperadmin();
    return { caller, result: await archiveTenantAsSuperadmin(null, { tenantId: tenant.id }) };
  },
  "tenant.restored": async () => {
    const { archiveTenantAsSuperadmin, restoreTenantAsSuperadmin } = await import("@/app/admin/tenant-archive/actions");
    const tenant = await createTenant("to-restore");
    await newSuperadmin(); // archives it; a second superadmin restores (entries are found by actor)
    const archived = await archiveTenantAsSuperadmin(null, { tenantId: tenant.id });
    if (!archived.ok) throw new Error(`setup: ${archived.message}`);
    const caller = await newSuperadmin();
    return { caller, result: await restoreTenantAsSuperadmin(null, { tenantId: tenant.id }) };
  },
  "dashboard.create": async () => {
    const { createDashboard } = await import("@/app/t/[slug]/dashboards/actions");
    const { tenant, caller } = await memberOfNewTenant(["editor"]);
    return { caller, result: await createDashboard(tenant.slug, null, { name: "Operations" }) };
  },
  "dashboard.rename": async () => {
    const { renameDashboardAction } = await import("@/app/t/[slug]/dashboards/actions");
    const { tenant, caller, dashboardId } = await editorWithDashboard();
    return { caller, result: await renameDashboardAction(tenant.slug, null, { dashboardId, name: "Sales (weekly)" }) };
  },
  "dashboard.delete": async () => {
    const { deleteDashboardAction } = await import("@/app/t/[slug]/dashboards/actions");
    const { tenant, caller, dashboardId } = await editorWithDashboard();
    return { caller, result: await deleteDashboardAction(tenant.slug, null, { dashboardId }) };
  },
  "dashboard.widget_add": async () => {
    const { addWidget } = await import("@/app/t/[slug]/dashboards/actions");
    const { tenant, caller, dashboardId } = await editorWithDashboard();
    return { caller, result: await addWidget(tenant.slug, null, { dashboardId, kind: "chart", title: "Runs per day", source: "flow_runs", days: "30" }) };
  },
  "dashboard.widget_remove": async () => {
    const { removeWidget } = await import("@/app/t/[slug]/dashboards/actions");
    const { tenant, caller, dashboardId, widgetIds } = await editorWithDashboard();
    return { caller, result: await removeWidget(tenant.slug, null, { dashboardId, widgetId: widgetIds[0] }) };
  },
  "dashboard.widget_move": async () => {
    const { moveWidget } = await import("@/app/t/[slug]/dashboards/actions");
    const { tenant, caller, dashboardId, widgetIds } = await editorWithDashboard();
    return { caller, result: await moveWidget(tenant.slug, null, { dashboardId, widgetId: widgetIds[1], direction: "up" }) };
  },
  "data_table.create": async () => {
    const { createDataTable } = await import("@/app/t/[slug]/tables/actions");
    const { tenant, caller } = await memberOfNewTenant(["editor"]);
    return { caller, result: await createDataTable(tenant.slug, null, { name: "Orders", columns: [{ name: "Total", type: "number" }] }) };
  },
  "data_table.rename": async () => {
    const { renameDataTableAction } = await import("@/app/t/[slug]/tables/actions");
    const { tenant, caller, tableId } = await editorWithDataTable();
    return { caller, result: await renameDataTableAction(tenant.slug, null, { tableId, name: "Clients" }) };
  },
  "data_table.delete": async () => {
    const { deleteDataTableAction } = await import("@/app/t/[slug]/tables/actions");
    const { tenant, caller, tableId } = await editorWithDataTable();
    return { caller, result: await deleteDataTableAction(tenant.slug, null, { tableId }) };
  },
  "data_table.row_add": async () => {
    const { addRow } = await import("@/app/t/[slug]/tables/actions");
    const { tenant, caller, tableId } = await editorWithDataTable();
    return { caller, result: await addRow(tenant.slug, null, { tableId, c0: "Grace" }) };
  },
  "data_table.row_edit": async () => {
    const { editRow } = await import("@/app/t/[slug]/tables/actions");
    const { tenant, caller, tableId, rowId } = await editorWithDataTable();
    return { caller, result: await editRow(tenant.slug, null, { tableId, rowId, c0: "Ada L." }) };
  },
  "data_table.row_delete": async () => {
    const { deleteRow } = await import("@/app/t/[slug]/tables/actions");
    const { tenant, caller, tableId, rowId } = await editorWithDataTable();
    return { caller, result: await deleteRow(tenant.slug, null, { tableId, rowId }) };
  },
  "flow.create": async () => {
    const { createFlow } = await import("@/app/t/[slug]/flows/actions");
    const { tenant, caller } = await memberOfNewTenant(["editor"]);
    return { caller, result: await createFlow(tenant.slug, null, { name: "Invoices", steps: ["validate", "notify"] }) };
  },
  "flow.rename": async () => {
    const { renameFlow } = await import("@/app/t/[slug]/flows/actions");
    const { tenant, caller, flowId } = await editorWithFlow();
    return { caller, result: await renameFlow(tenant.slug, null, { flowId, name: "Renamed" }) };
  },
  "flow.delete": async () => {
    const { deleteFlow } = await import("@/app/t/[slug]/flows/actions");
    const { tenant, caller, flowId } = await editorWithFlow();
    return { caller, result: await deleteFlow(tenant.slug, null, { flowId }) };
  },
  "flow.run": async () => {
    const { runFlow } = await import("@/app/t/[slug]/flows/actions");
    const { tenant, caller, flowId } = await editorWithFlow();
    return { caller, result: await runFlow(tenant.slug, null, { flowId }) };
  },
  "flow.save_steps": async () => {
    const { saveFlowSteps } = await import("@/app/t/[slug]/flows/actions");
    const { tenant, caller, flowId } = await editorWithFlow();
    return { caller, result: await saveFlowSteps(tenant.slug, null, { flowId, steps: ["notify"] }) };
  },
  "flow.restore": async () => {
    const { restoreFlowVersion } = await import("@/app/t/[slug]/flows/actions");
    const { tenant, caller, flowId } = await editorWithFlow();
    return { caller, result: await restoreFlowVersion(tenant.slug, null, { flowId, version: 1 }) };
  },
  "package.create": async () => {
    const { createPackage } = await import("@/app/t/[slug]/packages/actions");
    const { tenant, flowId } = await editorWithFlow();
    const caller = await createUser("package-admin");
    await addMember(tenant.id, caller.id, ["admin"]);
    signInAs(caller);
    return { caller, result: await createPackage(tenant.slug, null, { name: "Release 1", environment: "production", flowIds: [flowId] }) };
  },
  "package.deploy": async () => {
    const { deployPackage } = await import("@/app/t/[slug]/packages/actions");
    const { tenant, packageId } = await adminWithPackage();
    const runner = await createUser("deployer");
    await addMember(tenant.id, runner.id, ["admin"]);
    signInAs(runner);
    return { caller: runner, result: await deployPackage(tenant.slug, null, { packageId, environment: "staging" }) };
  },
  "package.delete": async () => {
    const { deletePackage } = await import("@/app/t/[slug]/packages/actions");
    const { tenant, caller, packageId } = await adminWithPackage();
    return { caller, result: await deletePackage(tenant.slug, null, { packageId }) };
  },
  "package.deploy_to_tenant": async () => {
    const { createPackage, deployPackageToTenant } = await import("@/app/t/[slug]/packages/actions");
    const { tenant, flowId } = await editorWithFlow();
    const target = await createTenant("target", { license: "enterprise" });
    const caller = await createUser("package-admin");
    await addMember(tenant.id, caller.id, ["admin"]);
    await addMember(target.id, caller.id, ["admin"]);
    signInAs(caller);
    const made = await createPackage(tenant.slug, null, { name: "Release 1", environment: "production", flowIds: [flowId] });
    if (!made.ok) throw new Error(`setup: ${made.message}`);
    return { caller, result: await deployPackageToTenant(tenant.slug, null, { packageId: made.data.id, environment: "production", targetTenant: target.slug }) };
  },
  "credential.create": async () => {
    const { addCredential } = await import("@/app/t/[slug]/credentials/actions");
    const { tenant, caller } = await memberOfNewTenant(["admin"]);
    return { caller, result: await addCredential(tenant.slug, null, { name: "Stripe", value: "sk_test_0123456789" }) };
  },
  "credential.replace": async () => {
    const { replaceCredential } = await import("@/app/t/[slug]/credentials/actions");
    const { tenant, caller, credentialId } = await adminWithCredential();
    return { caller, result: await replaceCredential(tenant.slug, null, { credentialId, value: "sk_test_9876543210" }) };
  },
  "credential.delete": async () => {
    const { deleteCredential } = await import("@/app/t/[slug]/credentials/actions");
    const { tenant, caller, credentialId } = await adminWithCredential();
    return { caller, result: await deleteCredential(tenant.slug, null, { credentialId }) };
  },
  "connection.create": async () => {
    const { createConnection } = await import("@/app/t/[slug]/connections/actions");
    const { tenant, caller } = await memberOfNewTenant(["editor"]);
    return { caller, result: await createConnection(tenant.slug, null, { name: "Billing API", connector: "http_api", baseUrl: "https://api.example.com", authType: "bearer", token: "tok_0123456789" }) };
  },
  "connection.update": async () => {
    const { updateConnectionAction } = await import("@/app/t/[slug]/connections/actions");
    const { tenant, caller, connectionId } = await editorWithConnection();
    return { caller, result: await updateConnectionAction(tenant.slug, null, { connectionId, name: "Inbound orders" }) };
  },
  "connection.test": async () => {
    const { testConnectionAction } = await import("@/app/t/[slug]/connections/actions");
    const { tenant, caller, connectionId } = await editorWithConnection();
    return { caller, result: await testConnectionAction(tenant.slug, null, { connectionId }) };
  },
  "connection.deactivate": async () => {
    const { deactivateConnection } = await import("@/app/t/[slug]/connections/actions");
    const { tenant, caller, connectionId } = await editorWithConnection();
    return { caller, result: await deactivateConnection(tenant.slug, null, { connectionId }) };
  },
  "connection.activate": async () => {
    const { activateConnection, deactivateConnection } = await import("@/app/t/[slug]/connections/actions");
    const { tenant, caller, connectionId } = await editorWithConnection();
    await deactivateConnection(tenant.slug, null, { connectionId });
    return { caller, result: await activateConnection(tenant.slug, null, { connectionId }) };
  },
  "connection.delete": async () => {
    const { deleteConnection } = await import("@/app/t/[slug]/connections/actions");
    const { tenant, caller, connectionId } = await editorWithConnection();
    return { caller, result: await deleteConnection(tenant.slug, null, { connectionId }) };
  },
  "api_key.create": async () => {
    const { createApiKey } = await import("@/app/t/[slug]/api-keys/actions");
    const { tenant, caller } = await memberOfNewTenant(["admin"]);
    return { caller, result: await createApiKey(tenant.slug, null, { name: "CI", role: "viewer" }) };
  },
  "api_key.revoke": async () => {
    const { createApiKey, revokeApiKey } = await import("@/app/t/[slug]/api-keys/actions");
    const { tenant } = await memberOfNewTenant(["admin"]);
    const created = await createApiKey(tenant.slug, null, { name: "CI", role: "viewer" });
    if (!created.ok) throw new Error(`setup: ${created.message}`);
    // The setup's own entry must not count for the action under test: a fresh Admin runs it.
    const caller = await createUser("key-admin");
    await addMember(tenant.id, caller.id, ["admin"]);
    signInAs(caller);
    return { caller, result: await revokeApiKey(tenant.slug, null, { apiKeyId: created.data.id }) };
  },
  "tenant.ip_allow_lists.update": async () => {
    const { saveIpAllowLists } = await import("@/app/t/[slug]/settings/actions");
    const { tenant, caller } = await memberOfNewTenant(["admin"]);
    return { caller, result: await saveIpAllowLists(tenant.slug, null, { run: "10.0.0.0/8", confirmLockOut: "true" }) };
  },
  "tenant.import": async () => {
    const { importTenantData } = await import("@/app/t/[slug]/settings/export-import/actions");
    const { createHash } = await import("node:crypto");
    const { tenant, caller } = await memberOfNewTenant(["admin"]);
    // The smallest tenant data file: its header, one flow and the checksum of both lines.
    const body = [
      { format: "tenantry.tenant-data", version: 1, exportedAt: new Date().toISOString(), tenant: { name: "Elsewhere" }, counts: { flow: 1 }, credentials: null },
      { kind: "flow", name: "Imported", steps: ["validate"] },
    ].map((record) => `${JSON.stringify(record)}\n`).join("");
    const checksum = { kind: "checksum", algorithm: "sha256", value: createHash("sha256").update(body).digest("hex") };
    const file = new File([`${body}${JSON.stringify(checksum)}\n`], "tenant.jsonl");
    return { caller, result: await importTenantData(tenant.slug, null, { file, passphrase: "" }) };
  },
  "tenant.sso.update": async () => {
    const { saveSamlSettings } = await import("@/app/t/[slug]/settings/sso/actions");
    const { startTestIdp } = await import("../support/saml-idp");
    const { tenant, caller } = await memberOfNewTenant(["admin"]);
    const idp = startTestIdp({ entityId: "https://idp.completeness.example.test", ssoUrl: "https://idp.completeness.example.test/sso" });
    return { caller, result: await saveSamlSettings(tenant.slug, null, { idpMetadata: idp.metadata, emailAttribute: "email" }) };
  },
  "tenant.sso.remove": async () => {
    const { saveSamlSettings, removeSamlSettings } = await import("@/app/t/[slug]/settings/sso/actions");
    const { startTestIdp } = await import("../support/saml-idp");
    const { tenant } = await memberOfNewTenant(["admin"]);
    const idp = startTestIdp({ entityId: "https://idp.completeness.example.test", ssoUrl: "https://idp.completeness.example.test/sso" });
    const saved = await saveSamlSettings(tenant.slug, null, { idpMetadata: idp.metadata, emailAttribute: "email" });
    if (!saved.ok) throw new Error(`setup: ${saved.message}`);
    const caller = await createUser("sso-admin");
    await addMember(tenant.id, caller.id, ["admin"]);
    signInAs(caller);
    return { caller, result: await removeSamlSettings(tenant.slug, null, {}) };
  },
  "tenant.sso.oidc_update": async () => {
    const { saveOidcSettings } = await import("@/app/t/[slug]/settings/sso/oidc-actions");
    const { startTestOp } = await import("../support/oidc-op");
    const { tenant, caller } = await memberOfNewTenant(["admin"]);
    const op = await startTestOp();
    // The test provider is on 127.0.0.1, which the outbound guard refuses without this (as in e2e).
    vi.stubEnv("CONNECTIONS_ALLOW_LOCAL_TARGETS", "1");
    try {
      const client = await op.registerClient([`http://localhost:3000/api/sso/${tenant.slug}/oidc/callback`]);
      return { caller, result: await saveOidcSettings(tenant.slug, null, { issuer: op.issuer, clientId: client.clientId, clientSecret: client.clientSecret }) };
    } finally {
      vi.unstubAllEnvs();
      await op.close();
    }
  },
  "tenant.sso.oidc_remove": async () => {
    const { removeOidcSettings } = await import("@/app/t/[slug]/settings/sso/oidc-actions");
    const { upsertOidcConfig } = await import("@/db/queries/oidc");
    const { encryptOidcClientSecret } = await import("@/lib/sso/oidc-secret");
    const { tenant, caller } = await memberOfNewTenant(["admin"]);
    await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      upsertOidcConfig(tx, { issuer: "https://op.completeness.example.test", clientId: "tenantry", ...encryptOidcClientSecret(tenant.id, "secret") }),
    );
    return { caller, result: await removeOidcSettings(tenant.slug, null, {}) };
  },
  "tenant.ip_allow_lists_cleared": async () => {
    const { clearTenantIpAllowLists } = await import("@/app/admin/actions");
    const tenant = await createTenant("listed");
    const caller = await newSuperadmin();
    return { caller, result: await clearTenantIpAllowLists(null, { tenantId: tenant.id }) };
  },
  "tenant.license_set": async () => {
    const { setTenantLicense } = await import("@/app/admin/actions");
    const tenant = await createTenant("licensed");
    const caller = await newSuperadmin();
    return { caller, result: await setTenantLicense(null, { tenantId: tenant.id, license: "team" }) };
  },
  "tenant.flow_cap_set": async () => {
    const { setTenantFlowCap } = await import("@/app/admin/actions");
    const tenant = await createTenant("capped");
    const caller = await newSuperadmin();
    return { caller, result: await setTenantFlowCap(null, { tenantId: tenant.id, flowCap: "3" }) };
  },
  "tenant.api_limit_set": async () => {
    const { setTenantApiLimit } = await import("@/app/admin/actions");
    const tenant = await createTenant("api-limited");
    const caller = await newSuperadmin();
    return { caller, result: await setTenantApiLimit(null, { tenantId: tenant.id, apiRequestsPerMinute: "60" }) };
  },
  "tenant.flow_run_quota_set": async () => {
    const { setTenantFlowRunQuota } = await import("@/app/admin/actions");
    const tenant = await createTenant("run-limited");
    const caller = await newSuperadmin();
    return { caller, result: await setTenantFlowRunQuota(null, { tenantId: tenant.id, flowRunsPer30Days: "100" }) };
  },
  "platform.api_limit_set": async () => {
    const { setPlatformApiLimitAction } = await import("@/app/admin/actions");
    const caller = await newSuperadmin();
    return { caller, result: await setPlatformApiLimitAction(null, { apiRequestsPerMinute: "" }) };
  },
  "integration.created": async () => {
    const { createIntegration } = await import("@/app/admin/integrations/actions");
    const caller = await newSuperadmin();
    return { caller, result: await createIntegration(null, { name: `integration-${uniqueSuffix()}`, algorithm: "HS256", defaultLicense: "free", defaultRole: "viewer" }) };
  },
  "integration.revoked": async () => {
    const { createIntegration, revokeIntegration } = await import("@/app/admin/integrations/actions");
    const caller = await newSuperadmin();
    const created = await createIntegration(null, { name: `integration-${uniqueSuffix()}`, algorithm: "HS256", defaultLicense: "free", defaultRole: "viewer" });
    if (!created.ok) throw new Error(created.message);
    return { caller, result: await revokeIntegration(null, { integrationId: created.data.id }) };
  },
  "flow_template.created": async () => {
    const caller = await newSuperadmin();
    return { caller, result: await newFlowTemplate() };
  },
  "flow_template.updated": async () => {
    const { updateFlowTemplate } = await import("@/app/admin/templates/actions");
    const caller = await newSuperadmin();
    const created = await newFlowTemplate();
    if (!created.ok) throw new Error(created.message);
    return { caller, result: await updateFlowTemplate(null, { templateId: created.data.id, name: `${created.data.name} v2`, description: "Changed", steps: ["notify"] }) };
  },
  "flow_template.deleted": async () => {
    const { deleteFlowTemplate } = await import("@/app/admin/templates/actions");
    const caller = await newSuperadmin();
    const created = await newFlowTemplate();
    if (!created.ok) throw new Error(created.message);
    return { caller, result: await deleteFlowTemplate(null, { templateId: created.data.id }) };
  },
  "flow_template.used": async () => {
    const { applyFlowTemplate } = await import("@/app/t/[slug]/flows/templates/actions");
    const templateId = await existingFlowTemplate();
    const { tenant, caller } = await memberOfNewTenant(["editor"]);
    return { caller, result: await applyFlowTemplate(tenant.slug, null, { templateId }) };
  },
  "flow_template.customised": async () => {
    const { customiseFlowTemplate } = await import("@/app/t/[slug]/flows/templates/actions");
    const { tenant, caller, useId } = await editorUsingFlowTemplate();
    return { caller, result: await customiseFlowTemplate(tenant.slug, null, { useId, name: "Our own", description: "", extraSteps: ["notify"] }) };
  },
  "flow_template.field_reset": async () => {
    const { customiseFlowTemplate, resetFlowTemplateField } = await import("@/app/t/[slug]/flows/templates/actions");
    const { tenant, caller, useId } = await editorUsingFlowTemplate();
    await customiseFlowTemplate(tenant.slug, null, { useId, name: "Our own", description: "", extraSteps: [] });
    return { caller, result: await resetFlowTemplateField(tenant.slug, null, { useId, field: "name" }) };
  },
  "flow_template.removed": async () => {
    const { removeFlowTemplateUse } = await import("@/app/t/[slug]/flows/templates/actions");
    const { tenant, caller, useId } = await editorUsingFlowTemplate();
    return { caller, result: await removeFlowTemplateUse(tenant.slug, null, { useId }) };
  },
  "table_template.created": async () => {
    const caller = await newSuperadmin();
    return { caller, result: await newTableTemplate() };
  },
  "table_template.updated": async () => {
    const { updateTableTemplate } = await import("@/app/admin/templates/table-template-actions");
    const caller = await newSuperadmin();
    const created = await newTableTemplate();
    if (!created.ok) throw new Error(created.message);
    return { caller, result: await updateTableTemplate(null, { templateId: created.data.id, name: `${created.data.name} v2`, description: "", columns: [{ name: "Phone", type: "text" }] }) };
  },
  "table_template.deleted": async () => {
    const { deleteTableTemplate } = await import("@/app/admin/templates/table-template-actions");
    const caller = await newSuperadmin();
    const created = await newTableTemplate();
    if (!created.ok) throw new Error(created.message);
    return { caller, result: await deleteTableTemplate(null, { templateId: created.data.id }) };
  },
  "table_template.used": async () => {
    const { applyTableTemplate } = await import("@/app/t/[slug]/tables/templates/actions");
    await newSuperadmin();
    const created = await newTableTemplate();
    if (!created.ok) throw new Error(created.message);
    const { tenant, caller } = await memberOfNewTenant(["editor"]);
    return { caller, result: await applyTableTemplate(tenant.slug, null, { templateId: created.data.id }) };
  },
  "table_template.customised": async () => {
    const { customiseTableTemplate } = await import("@/app/t/[slug]/tables/templates/actions");
    const { tenant, caller, tableId } = await editorUsingTableTemplate();
    return { caller, result: await customiseTableTemplate(tenant.slug, null, { tableId, name: "Our own", labels: {}, columns: [] }) };
  },
  "table_template.field_reset": async () => {
    const { customiseTableTemplate, resetTableTemplateField } = await import("@/app/t/[slug]/tables/templates/actions");
    const { tenant, caller, tableId } = await editorUsingTableTemplate();
    await customiseTableTemplate(tenant.slug, null, { tableId, name: "Our own", labels: {}, columns: [] });
    return { caller, result: await resetTableTemplateField(tenant.slug, null, { tableId, field: "name" }) };
  },
  "table_template.removed": async () => {
    const { removeTableTemplateUse } = await import("@/app/t/[slug]/tables/templates/actions");
    const { tenant, caller, tableId } = await editorUsingTableTemplate();
    return { caller, result: await removeTableTemplateUse(tenant.slug, null, { tableId }) };
  },
  "user.can_create_set": async () => {
    const { setCanCreateTenants } = await import("@/app/admin/users/actions");
    const subject = await createUser("subject");
    const caller = await newSuperadmin();
    return { caller, result: await setCanCreateTenants(null, { userId: subject.id, canCreateTenants: "true" }) };
  },
  "user.tenant_limit_set": async () => {
    const { setTenantLimit } = await import("@/app/admin/users/actions");
    const subject = await createUser("subject");
    const caller = await newSuperadmin();
    return { caller, result: await setTenantLimit(null, { userId: subject.id, tenantLimit: "4" }) };
  },
  "platform.superadmin_two_factor.set": async () => {
    const { setSuperadminTwoFactor } = await import("@/app/admin/users/actions");
    const caller = await newSuperadmin();
    signInAs(caller, "magic_link", "passed");
    const result = await setSuperadminTwoFactor(null, { required: "true" });
    // The setting is the platform's: put it back so other scenarios' superadmins are not asked to enrol.
    await withPlatform({ superadminId: caller.id }, async (tx) => (await import("@/db/queries/platform-settings")).setSuperadminTwoFactorRequired(tx, false));
    return { caller, result };
  },
  "user.superadmin_set": async () => {
    const { setSuperadmin } = await import("@/app/admin/users/actions");
    const subject = await createUser("subject");
    const caller = await newSuperadmin();
    return { caller, result: await setSuperadmin(null, { userId: subject.id, isSuperadmin: "true" }) };
  },
};

let registered: string[] = [];
let superadmin: Caller;

beforeAll(async () => {
  for (const file of actionModules()) await import(/* @vite-ignore */ path.join(APP, file));
  const { registeredActions } = await import("@/lib/actions/core");
  registered = [...registeredActions.keys()].sort();
  superadmin = await createUser("auditor", { isSuperadmin: true });
});

/**
 * The entries of these actors, in every tenant's log and in the platform log. A tenant's log is read
 * only inside that tenant's scope (no policy reads across tenants), so each tenant is entered in turn.
 */
async function entriesBy(actorUserIds: string[]): Promise<{ actorUserId: string | null; action: string }[]> {
  const tenantIds = (await withSystem((tx) => tx.select({ id: tenants.id }).from(tenants))).map((t) => t.id);
  const found = await withSystem(async (tx) => {
    const rows: { actorUserId: string | null; action: string }[] = [];
    for (const tenantId of tenantIds) {
      await enterTenant(tx, { tenantId, userId: null });
      rows.push(
        ...(await tx
          .select({ actorUserId: activity.actorUserId, action: activity.action })
          .from(activity)
          .where(and(eq(activity.tenantId, tenantId), inArray(activity.actorUserId, actorUserIds)))),
      );
    }
    return rows;
  });
  const platform = await withPlatform({ superadminId: superadmin.id }, (tx) =>
    tx.select({ actorUserId: platformActivity.actorUserId, action: platformActivity.action }).from(platformActivity).where(inArray(platformActivity.actorUserId, actorUserIds)),
  );
  return [...found, ...platform];
}

describe("activity completeness", () => {
  it("finds the actions modules and the actions they register", () => {
    expect(actionModules()).toContain("t/[slug]/actions.ts");
    expect(registered).toContain("tenant.switch");
  });

  it("has a scenario for every registered action", () => {
    expect(registered.filter((name) => !scenarios[name])).toEqual([]);
  });

  it("every registered action, run with valid input, leaves an activity entry named in the catalog", async () => {
    const callers = new Map<string, string>();
    for (const name of registered) {
      const scenario = scenarios[name];
      if (!scenario) continue; // reported by the test above
      const { caller, result } = await scenario();
      expect(result, `${name} should succeed in its scenario`).toMatchObject({ ok: true });
      callers.set(caller.id, name);
    }
    const entries = await entriesBy([...callers.keys()]);
    const silent = [...callers].filter(([id]) => !entries.some((e) => e.actorUserId === id)).map(([, name]) => name);
    expect(silent).toEqual([]);
    // The Action filter of /admin/activity offers the catalog (lib/activity/action-names.ts), so
    // every name the app writes must be in it.
    const catalog = new Set<string>(ACTION_NAMES);
    expect([...new Set(entries.map((e) => e.action))].filter((action) => !catalog.has(action))).toEqual([]);
  });
});
