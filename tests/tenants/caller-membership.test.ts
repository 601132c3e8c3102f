// The caller's membership as every tenant page reads it (findMembershipBySlug), since migration 0048
// through the caller_membership function, which keeps its plan: held to the same statement built
// from the group helpers of db/queries/groups.ts (what the page read before, and what the access
// review still reads), for members with and without groups, flow-narrowed and two-factor groups,
// single sign-on, an archived tenant, each status; and under the user scope's row-level security: a
// caller who names another user's id learns nothing of that user's memberships.
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { withSystem, withUser, type UserTx } from "@/db/scopes";
import { memberships, oidcConfigs, samlConfigs, tenantGroups, tenants } from "@/db/schema";
import { findMembershipBySlug } from "@/db/queries/tenants";
import { groupNamesOfMembership, groupPermissionsOfMembership, inCustomGroupOfMembership, inTwoFactorGroupOfMembership } from "@/db/queries/groups";
import { insertMembership } from "@/db/queries/memberships";
import { addMember, createTenant, createUser } from "../support/fixtures";
import { inTenant, seedGroup } from "../groups/groups-support";

/** The membership read as one drizzle statement over the group helpers: the function's oracle. */
async function referenceMembership(tx: UserTx, userId: string, slug: string) {
  const [row] = await tx
    .select({
      tenant: {
        id: tenants.id,
        slug: tenants.slug,
        name: tenants.name,
        magicLinkEnabled: tenants.magicLinkEnabled,
        license: tenants.license,
        twoFactorRequired: tenants.twoFactorRequired,
        twoFactorRoles: tenants.twoFactorRoles,
        archivedAt: tenants.archivedAt,
      },
      membershipId: memberships.id,
      roles: memberships.roles,
      inTwoFactorGroup: inTwoFactorGroupOfMembership(),
      customGroupNames: groupNamesOfMembership(),
      inCustomGroup: inCustomGroupOfMembership(),
      viewersSeeDashboardsOnly: tenants.viewersSeeDashboardsOnly,
      groupPermissions: groupPermissionsOfMembership({ flowScope: "unscoped" }),
      flowScopedPermissions: groupPermissionsOfMembership({ flowScope: "scoped" }),
      requireSso: sql<boolean | null>`coalesce(${samlConfigs.requireSso}, ${oidcConfigs.requireSso})`,
      breakGlassUserId: sql<string | null>`coalesce(${samlConfigs.breakGlassUserId}, ${oidcConfigs.breakGlassUserId})`,
      status: memberships.status,
    })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .leftJoin(samlConfigs, eq(samlConfigs.tenantId, memberships.tenantId))
    .leftJoin(oidcConfigs, eq(oidcConfigs.tenantId, memberships.tenantId))
    .where(and(eq(memberships.userId, userId), eq(tenants.slug, slug)))
    .limit(1);
  if (!row) return null;
  const { requireSso, breakGlassUserId, ...rest } = row;
  return { ...rest, ssoRequirement: requireSso === null ? null : { requireSso, breakGlassUserId } };
}

const both = (userId: string, slug: string) =>
  withUser({ userId }, async (tx) => ({ read: await findMembershipBySlug(tx, userId, slug), reference: await referenceMembership(tx, userId, slug) }));

type User = Awaited<ReturnType<typeof createUser>>;
let plain: Awaited<ReturnType<typeof createTenant>>;
let enterprise: Awaited<ReturnType<typeof createTenant>>;
const users: Record<string, User> = {};

beforeAll(async () => {
  plain = await createTenant("plain");
  enterprise = await createTenant("enterprise", { license: "enterprise" });
  for (const label of ["admin", "grouped", "narrowed", "twoFactor", "suspended", "invited", "breakGlass"]) users[label] = await createUser(label);
  await addMember(plain.id, users.admin!.id, ["admin"]);
  await addMember(enterprise.id, users.admin!.id, ["viewer", "editor"]);
  await addMember(enterprise.id, users.breakGlass!.id, ["admin"]);
  await addMember(enterprise.id, users.grouped!.id, ["viewer"]);
  await seedGroup(enterprise.id, ["members.read", "flows.write", "settings.read"], [users.grouped!.id], "Zeta readers");
  await seedGroup(enterprise.id, ["members.read", "activity.read"], [users.grouped!.id], "alpha auditors");
  // Narrowed to particular flows: its flow permissions hold for those flows only; the rest tenant-wide.
  await addMember(enterprise.id, users.narrowed!.id, ["viewer"]);
  const narrowed = await seedGroup(enterprise.id, ["flows.write", "flows.run", "credentials.use"], [users.narrowed!.id], "Flow X team");
  await inTenant(enterprise.id, (tx) => tx.update(tenantGroups).set({ flowsScoped: true }).where(eq(tenantGroups.id, narrowed.id)));
  await addMember(enterprise.id, users.twoFactor!.id, ["editor"]);
  const twoFactorGroup = await seedGroup(enterprise.id, [], [users.twoFactor!.id], "Needs 2FA");
  await inTenant(enterprise.id, (tx) => tx.update(tenantGroups).set({ twoFactorRequired: true }).where(eq(tenantGroups.id, twoFactorGroup.id)));
  await inTenant(enterprise.id, async (tx) => {
    await insertMembership(tx, { userId: users.suspended!.id, roles: ["viewer"], status: "suspended" });
    await insertMembership(tx, { userId: users.invited!.id, roles: ["editor"], status: "invited" });
    await tx.insert(samlConfigs).values({
      tenantId: enterprise.id,
      idpMetadataXml: "x",
      idpEntityId: "https://idp.example",
      idpSsoUrl: "https://idp.example/sso",
      idpCerts: ["x"],
      requireSso: true,
      breakGlassUserId: users.breakGlass!.id,
    });
  });
  // Last: an archived tenant refuses writes to its tables.
  await withSystem((tx) =>
    tx.update(tenants).set({ twoFactorRequired: "admins", twoFactorRoles: ["admin", "editor"], viewersSeeDashboardsOnly: true, archivedAt: new Date() }).where(eq(tenants.id, enterprise.id)),
  );
});

describe("caller_membership (migration 0048)", () => {
  it("reads what the statement over the group helpers reads, for every kind of member", async () => {
    const cases: [string, string][] = [
      ["admin", plain.slug],
      ["admin", enterprise.slug],
      ["breakGlass", enterprise.slug],
      ["grouped", enterprise.slug],
      ["narrowed", enterprise.slug],
      ["twoFactor", enterprise.slug],
      ["suspended", enterprise.slug],
      ["invited", enterprise.slug],
      ["grouped", plain.slug],
    ];
    for (const [label, slug] of cases) {
      const { read, reference } = await both(users[label]!.id, slug);
      expect(read, `${label} in ${slug}`).toEqual(reference);
    }
  });

  it("carries each column through: groups sorted by name, permissions split by flow scope, SSO, archive", async () => {
    const grouped = (await both(users.grouped!.id, enterprise.slug)).read!;
    expect(grouped).toMatchObject({
      roles: ["viewer"],
      status: "active",
      inCustomGroup: true,
      inTwoFactorGroup: false,
      customGroupNames: ["alpha auditors", "Zeta readers"],
      groupPermissions: ["activity.read", "flows.write", "members.read", "settings.read"],
      flowScopedPermissions: [],
      viewersSeeDashboardsOnly: true,
      ssoRequirement: { requireSso: true, breakGlassUserId: users.breakGlass!.id },
      tenant: { id: enterprise.id, license: "enterprise", twoFactorRequired: "admins", twoFactorRoles: ["admin", "editor"] },
    });
    expect(grouped.tenant.archivedAt).toBeInstanceOf(Date);
    expect((await both(users.narrowed!.id, enterprise.slug)).read).toMatchObject({ groupPermissions: ["credentials.use"], flowScopedPermissions: ["flows.run", "flows.write"] });
    expect((await both(users.twoFactor!.id, enterprise.slug)).read).toMatchObject({ inTwoFactorGroup: true, customGroupNames: ["Needs 2FA"] });
    expect((await both(users.suspended!.id, enterprise.slug)).read).toMatchObject({ status: "suspended", inCustomGroup: false });
    expect((await both(users.admin!.id, plain.slug)).read).toMatchObject({ roles: ["admin"], ssoRequirement: null, tenant: { archivedAt: null } });
  });

  it("is null for a tenant the user does not belong to, and for an unknown slug", async () => {
    expect((await both(users.grouped!.id, plain.slug)).read).toBeNull();
    expect((await both(users.admin!.id, "no-such-tenant")).read).toBeNull();
  });

  it("shows a caller nothing of another user's memberships, whatever user id it is called with", async () => {
    // The user scope of `admin`, asking for `grouped`'s membership by id: row-level security
    // (own_memberships) hides it, as it hid it from the statement before.
    const asked = await withUser({ userId: users.admin!.id }, (tx) => findMembershipBySlug(tx, users.grouped!.id, enterprise.slug));
    expect(asked).toBeNull();
    const rows = await withUser({ userId: users.admin!.id }, (tx) =>
      tx.execute(sql`select * from caller_membership(${users.grouped!.id}, ${enterprise.slug}, array['flows.write']::text[])`),
    );
    expect((rows as unknown as { rows: unknown[] }).rows).toEqual([]);
  });

  it("is not callable without a scope's role (execute is granted to the runtime role only)", async () => {
    const granted = await withUser({ userId: users.admin!.id }, (tx) =>
      tx.execute(sql`select has_function_privilege('tenantry_app', 'caller_membership(uuid, text, text[])', 'execute') as app,
        has_function_privilege('public', 'caller_membership(uuid, text, text[])', 'execute') as everyone`),
    );
    expect((granted as unknown as { rows: unknown[] }).rows).toEqual([{ app: true, everyone: false }]);
  });
});
