// Seeds a described world of users and tenants: the demo data (db/seed-data.ts) and the end-to-end
// suite's own fixtures (e2e/seed/). Every membership is recorded in its tenant's log, like a real one.
import { withSystem, withTenant } from "./scopes";
import { insertUser, countUsers } from "./queries/users";
import { insertTenant } from "./queries/tenants";
import { insertMembership } from "./queries/memberships";
import { recordActivity } from "./queries/activity";
import { approvedDomains, type MemberRole } from "./schema";
import { DEMO_WORLD } from "./seed-data";

export interface SeedUser {
  email: string;
  name: string;
  isSuperadmin?: boolean;
  canCreateTenants?: boolean;
  tenantLimit?: number;
  /** false: the account has never signed in (members list shows Invited). Default true. */
  signedInBefore?: boolean;
}

export interface SeedTenant {
  slug: string;
  name: string;
  contactEmail: string;
  license: "free" | "team" | "enterprise";
  flowCap: number;
  members: { email: string; roles: MemberRole[]; status?: "active" | "suspended" }[];
  /** Email domains whose addresses may be added as members (none: any domain). */
  approvedDomains?: string[];
}

export interface SeedWorld {
  users: SeedUser[];
  tenants: SeedTenant[];
}

/** Seeds the demo data when the database has no users yet. Returns whether it seeded. */
export async function seedDemoDataIfEmpty(): Promise<boolean> {
  if ((await withSystem(countUsers)) > 0) return false;
  await seedWorld(DEMO_WORLD);
  return true;
}

/** Creates the world's users, tenants and memberships; the first user is recorded as the creator. */
export async function seedWorld(world: SeedWorld): Promise<void> {
  const userIds = new Map<string, string>();
  await withSystem(async (tx) => {
    for (const { signedInBefore = true, ...user } of world.users) {
      userIds.set(user.email, (await insertUser(tx, { ...user, emailVerified: signedInBefore ? new Date() : null })).id);
    }
  });
  const creator = world.users[0]!;
  const creatorId = userIds.get(creator.email)!;
  for (const spec of world.tenants) {
    const { members, approvedDomains: domains = [], ...fields } = spec;
    const tenant = await withSystem((tx) => insertTenant(tx, fields));
    await withTenant({ tenantId: tenant.id, userId: creatorId }, async (tx) => {
      const entry = { tenantId: tenant.id, actorUserId: creatorId, actorEmail: creator.email };
      await recordActivity(tx, { ...entry, action: "tenant.created", targetType: "tenant", targetId: tenant.id, summary: `${creator.email} created ${spec.name}` });
      if (domains.length) await tx.insert(approvedDomains).values(domains.map((domain) => ({ tenantId: tenant.id, domain })));
      for (const member of members) {
        const userId = userIds.get(member.email);
        if (!userId) throw new Error(`Seed: ${member.email} is a member of ${spec.slug} but not among the users`);
        const membership = await insertMembership(tx, { tenantId: tenant.id, userId, roles: member.roles, status: member.status });
        await recordActivity(tx, {
          ...entry,
          action: "member.added",
          targetType: "membership",
          targetId: membership.id,
          summary: `${creator.email} added ${member.email} as ${member.roles.join(", ")}`,
          details: { roles: member.roles },
        });
      }
    });
  }
}
