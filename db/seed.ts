import { withSystem, withTenant } from "./scopes";
import { insertUser, countUsers } from "./queries/users";
import { insertTenant } from "./queries/tenants";
import { insertMembership } from "./queries/memberships";
import { recordActivity } from "./queries/activity";
import { DEMO_TENANTS, DEMO_USERS } from "./seed-data";

/** Seeds the demo data when the database has no users yet. Returns whether it seeded. */
export async function seedDemoDataIfEmpty(): Promise<boolean> {
  if ((await withSystem(countUsers)) > 0) return false;
  const userIds = new Map<string, string>();
  await withSystem(async (tx) => {
    // Demo accounts count as having signed in before (members list: Active, not Invited).
    for (const user of DEMO_USERS) userIds.set(user.email, (await insertUser(tx, { ...user, emailVerified: new Date() })).id);
  });
  const root = DEMO_USERS[0];
  for (const spec of DEMO_TENANTS) {
    const tenant = await withSystem((tx) => insertTenant(tx, { slug: spec.slug, name: spec.name, contactEmail: spec.contactEmail, license: spec.license, flowCap: spec.flowCap }));
    await withTenant({ tenantId: tenant.id, userId: userIds.get(root.email)! }, async (tx) => {
      await recordActivity(tx, {
        tenantId: tenant.id,
        actorUserId: userIds.get(root.email)!,
        actorEmail: root.email,
        action: "tenant.created",
        targetType: "tenant",
        targetId: tenant.id,
        summary: `${root.email} created ${spec.name}`,
      });
      for (const member of spec.members) {
        const userId = userIds.get(member.email)!;
        const membership = await insertMembership(tx, { tenantId: tenant.id, userId, roles: member.roles });
        await recordActivity(tx, {
          tenantId: tenant.id,
          actorUserId: userIds.get(root.email)!,
          actorEmail: root.email,
          action: "member.added",
          targetType: "membership",
          targetId: membership.id,
          summary: `${root.email} added ${member.email} as ${member.roles.join(", ")}`,
          details: { roles: member.roles },
        });
      }
    });
  }
  return true;
}
