// The activity log's Actor filter: a bounded search over the tenant's members, never the whole list.
// A tenant of 20,000 members used to render every one of them as an option (3.45 MB of HTML); the
// filter now asks for at most ACTOR_CHOICES at a time and the page resolves only the chosen one.
// Runs inside withTenant: memberships answers only this tenant's rows (row-level security), and
// every query still names the tenant (the second wall).
import { and, desc, eq, sql } from "drizzle-orm";
import { memberships, users } from "../../schema";
import { rowsOf } from "../../client";
import type { TenantTx } from "../../scopes";

/** At most this many choices per answer. */
export const ACTOR_CHOICES = 20;
/** Typed text past this length names nobody (an address is at most 254 characters). */
export const ACTOR_SEARCH_MAX = 254;

export interface ActorChoice {
  id: string;
  email: string;
}

/** A LIKE pattern matching text that starts with `typed`, with the user's % _ and \ taken literally. */
function prefixPattern(typed: string): string {
  return `${typed.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * Members of the tenant whose address or (once they have accepted) name starts with `typed`, in any
 * case, by address; with nothing typed, the newest members. At most ACTOR_CHOICES.
 *
 * Each branch walks a prefix index on users (a global table: users_email_prefix, users_name_prefix)
 * in its own order (`using ~<~`, the order of those text_pattern_ops indexes) and probes the
 * tenant's (tenant_id, user_id) index for each account, so it stops after ACTOR_CHOICES members
 * however large the tenant. An Invited member is found by the address only: their name is not the
 * tenant's to learn before they accept (as in the members list).
 */
export async function searchActivityActors(tx: TenantTx, typed: string): Promise<ActorChoice[]> {
  const text = typed.trim().toLowerCase();
  if (text.length > ACTOR_SEARCH_MAX) return [];
  if (text === "") {
    const newest = await tx
      .select({ id: users.id, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.tenantId, tx.tenantId))
      .orderBy(desc(memberships.createdAt), desc(memberships.id))
      .limit(ACTOR_CHOICES);
    return newest.sort((a, b) => (a.email < b.email ? -1 : 1));
  }
  const pattern = prefixPattern(text);
  const result = await tx.execute(sql`
    select id, email from (
      (select u.id, u.email from ${users} u
        join ${memberships} m on m.tenant_id = ${tx.tenantId} and m.user_id = u.id
        where u.email like ${pattern}
        order by u.email using ~<~ limit ${ACTOR_CHOICES})
      union
      (select u.id, u.email from ${users} u
        join ${memberships} m on m.tenant_id = ${tx.tenantId} and m.user_id = u.id and m.status <> 'invited'
        where lower(u.name) like ${pattern}
        order by lower(u.name) using ~<~ limit ${ACTOR_CHOICES})
    ) as found
    order by email using ~<~
    limit ${ACTOR_CHOICES}`);
  return rowsOf<ActorChoice>(result).map(({ id, email }) => ({ id, email }));
}

/** The chosen actor's address, if they are a member of this tenant; null for anyone else (a guessed or stale id). */
export async function findActivityActor(tx: TenantTx, userId: string): Promise<ActorChoice | null> {
  const [row] = await tx
    .select({ id: users.id, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tx.tenantId), eq(memberships.userId, userId)));
  return row ?? null;
}
