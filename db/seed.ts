// Seeds a described world of users and tenants: the demo data (db/seed-data.ts) and the end-to-end
// suite's own fixtures (e2e/seed/). Every membership is recorded in its tenant's log, like a real one.
import { withSystem, withTenant } from "./scopes";
import { insertUser, countUsers } from "./queries/users";
import { insertTenant } from "./queries/tenants";
import { insertMembership } from "./queries/memberships";
import { recordActivity } from "./queries/activity/tenant-log";
import { addApprovedDomain } from "./queries/approved-domains";
import { insertFlow } from "./queries/flows";
import { hashPassword } from "../lib/passwords";
import { sql } from "drizzle-orm";
import { activity, type MemberRole } from "./schema";
import { DEMO_WORLD } from "./seed-data";

export interface SeedUser {
  email: string;
  name: string;
  isSuperadmin?: boolean;
  canCreateTenants?: boolean;
  tenantLimit?: number;
  /** false: the account has never signed in (its memberships default to Invited). Default true. */
  signedInBefore?: boolean;
  /** A password for password sign-in (stored as its argon2id hash). Default: none. */
  password?: string;
}

export interface SeedTenant {
  slug: string;
  name: string;
  contactEmail: string;
  license: "free" | "team" | "enterprise";
  flowCap: number;
  /** Status per tenant; default Active, or Invited for an account that has never signed in. */
  members: { email: string; roles: MemberRole[]; status?: "invited" | "active" | "suspended" }[];
  /** false: members must sign in with a password. Default true. */
  magicLinkEnabled?: boolean;
  /** Who must use two-factor to enter (lib/two-factor/requirement.ts). Default "off". */
  twoFactorRequired?: "off" | "admins" | "everyone";
  /** Approved email domains, normalised (lower-case, punycode). Default: none. */
  approvedDomains?: string[];
  /** Flows to create in the tenant, as the world's first user (step kinds from lib/flows/steps.ts). */
  flows?: { name: string; steps: string[] }[];
  /** Extra log entries (the activity page's demo and end-to-end data). */
  activity?: SeedActivity[];
}

export interface SeedActivity {
  /** An exact time (ISO 8601), or `daysAgo` (before now, computed by PostgreSQL). */
  at?: string;
  daysAgo?: number;
  /** A user of the world, or absent for a system entry. */
  actor?: string;
  action: string;
  targetType?: string;
  targetId?: string;
  summary: string;
  ip?: string;
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
    for (const { signedInBefore = true, password, ...user } of world.users) {
      const passwordHash = password ? await hashPassword(password) : null;
      userIds.set(user.email, (await insertUser(tx, { ...user, passwordHash, emailVerified: signedInBefore ? new Date() : null })).id);
    }
  });
  const creator = world.users[0]!;
  const creatorId = userIds.get(creator.email)!;
  for (const spec of world.tenants) {
    const { members, approvedDomains = [], flows = [], activity: entries = [], ...fields } = spec;
    const tenant = await withSystem((tx) => insertTenant(tx, fields));
    await withTenant({ tenantId: tenant.id, userId: creatorId }, async (tx) => {
      const entry = { tenantId: tenant.id, actorUserId: creatorId, actorEmail: creator.email };
      await recordActivity(tx, { ...entry, action: "tenant.created", targetType: "tenant", targetId: tenant.id, summary: `${creator.email} created ${spec.name}` });
      for (const domain of approvedDomains) await addApprovedDomain(tx, domain);
      for (const member of members) {
        const userId = userIds.get(member.email);
        if (!userId) throw new Error(`Seed: ${member.email} is a member of ${spec.slug} but not among the users`);
        const neverSignedIn = world.users.find((u) => u.email === member.email)?.signedInBefore === false;
        const status = member.status ?? (neverSignedIn ? "invited" : "active");
        const membership = await insertMembership(tx, { userId, roles: member.roles, status });
        await recordActivity(tx, {
          ...entry,
          action: "member.added",
          targetType: "membership",
          targetId: membership.id,
          summary: `${creator.email} added ${member.email} as ${member.roles.join(", ")}`,
          details: { roles: member.roles },
        });
      }
      for (const flow of flows) {
        const created = await insertFlow(tx, { ...flow, createdBy: creatorId });
        await recordActivity(tx, {
          ...entry,
          action: "flow.created",
          targetType: "flow",
          targetId: created.id,
          summary: `${creator.email} created the flow ${flow.name}`,
          details: { name: flow.name, steps: flow.steps },
        });
      }
      for (const seeded of entries) {
        await tx.insert(activity).values({
          tenantId: tenant.id,
          actorUserId: seeded.actor ? (userIds.get(seeded.actor) ?? null) : null,
          actorEmail: seeded.actor ?? null,
          action: seeded.action,
          targetType: seeded.targetType ?? null,
          targetId: seeded.targetId ?? null,
          summary: seeded.summary,
          ip: seeded.ip ?? null,
          createdAt: seeded.at ? new Date(seeded.at) : sql`now() - ${seeded.daysAgo ?? 0} * interval '1 day'`,
        });
      }
    });
  }
}
