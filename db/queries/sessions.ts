import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { sessions, users, userTwoFactor } from "../schema";
import { corkUntilQueued } from "../pooled-client";
import { userScopeEnteredBy, userScopeSettingsOf, type SystemTx, type Tx, type UserTx } from "../scopes";

export async function insertSession(tx: Tx, session: typeof sessions.$inferInsert) {
  const [row] = await tx.insert(sessions).values(session).returning();
  return row!;
}

/** Deletes a session and says whose it was (null when it did not exist). */
export async function deleteSession(tx: Tx, sessionToken: string) {
  const [row] = await tx.delete(sessions).where(eq(sessions.sessionToken, sessionToken)).returning();
  return row ?? null;
}

/** Ends every session of the user except `keep` (the browser making the request); says how many ended. */
export async function deleteOtherSessionsOf(tx: Tx, userId: string, keep: string | null): Promise<number> {
  const condition = keep ? and(eq(sessions.userId, userId), ne(sessions.sessionToken, keep)) : eq(sessions.userId, userId);
  const deleted = await tx.delete(sessions).where(condition).returning({ token: sessions.sessionToken });
  return deleted.length;
}

/** Whether the session's user has confirmed two-factor (then the session needs second_factor_at). */
const twoFactorEnabled = sql<boolean>`exists (select 1 from ${userTwoFactor} where ${userTwoFactor.userId} = ${sessions.userId} and ${userTwoFactor.confirmedAt} is not null)`;

/**
 * Whether this session token belongs to an unexpired session of a user who is a superadmin now, not
 * bound to a tenant by single sign-on, and which has passed its second factor when the user has one.
 */
export async function isSuperadminSession(tx: Tx, sessionToken: string): Promise<boolean> {
  const [row] = await tx
    .select({ isSuperadmin: users.isSuperadmin, secondFactorAt: sessions.secondFactorAt, twoFactorEnabled })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    // A session a tenant's identity provider opened is that tenant's only, never the console's.
    .where(and(eq(sessions.sessionToken, sessionToken), gt(sessions.expires, sql`now()`), isNull(sessions.ssoTenantId)));
  return Boolean(row?.isSuperadmin && (row.secondFactorAt !== null || !row.twoFactorEnabled));
}

const sessionAndUserColumns = {
  session: {
    sessionToken: sessions.sessionToken,
    userId: sessions.userId,
    expires: sessions.expires,
    authMethod: sessions.authMethod,
    secondFactorAt: sessions.secondFactorAt,
    ssoTenantId: sessions.ssoTenantId,
    twoFactorEnabled,
  },
  user: { id: users.id, name: users.name, email: users.email, emailVerified: users.emailVerified, image: users.image },
};

/**
 * The Auth.js adapter's getSessionAndUser, plus whether the user has two-factor on: Auth.js hands the
 * session row to the session callback (lib/auth.ts), which decides whether the session is usable yet.
 * The user's columns are the adapter's own (never the password hash).
 */
export async function findSessionAndUser(tx: Tx, sessionToken: string) {
  const [row] = await tx
    .select(sessionAndUserColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.sessionToken, sessionToken));
  return row ?? null;
}

export type SessionAndUser = NonNullable<Awaited<ReturnType<typeof findSessionAndUser>>>;

/**
 * findSessionAndUser that also enters the found user's scope in the same statement (a page view's
 * session read and its caller's reads in one transaction, one round trip fewer: lib/actor.ts). With
 * the session, the transaction as that user's (whatever the session's state: the caller decides
 * whether it may be used); null, the scope unchanged, when no session has the token.
 */
export async function findSessionEnteringUser(tx: SystemTx, sessionToken: string): Promise<{ found: SessionAndUser; userTx: UserTx } | null> {
  const [row] = await tx
    .select({ ...sessionAndUserColumns, enteredScope: userScopeSettingsOf(sessions.userId) })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.sessionToken, sessionToken));
  if (!row) return null;
  const { session, user } = row;
  return { found: { session, user }, userTx: userScopeEnteredBy(tx, session.userId) };
}

/**
 * findSessionEnteringUser with `ahead` asked for right behind the session's statement, before its
 * answer: on PostgreSQL both leave in one socket write and come back in one round trip (the pool's
 * pipeline mode), and PostgreSQL runs `ahead` after the session's statement, so in the scope that
 * statement entered: the session user's when it found one, else the system scope's (where a user's
 * own rows answer with none). `ahead` is asked for before anyone knows whose session it is: it must
 * take its user from the scope (app.self_user_id), never from an argument. Its answer is the
 * caller's to use or drop (the session may prove unusable: expired, due for its new expiry, waiting
 * for a second factor); a failure of it reaches only whoever awaits it.
 */
export async function findSessionEnteringUserWith<A>(
  tx: SystemTx,
  sessionToken: string,
  ahead: (tx: SystemTx) => Promise<A>,
): Promise<{ entered: Awaited<ReturnType<typeof findSessionEnteringUser>>; ahead: Promise<A> }> {
  const [entering, aheadAnswer] = corkUntilQueued(tx, () => [findSessionEnteringUser(tx, sessionToken), ahead(tx)] as const);
  aheadAnswer.catch(() => {}); // handled: awaited by the caller, or dropped with the session
  return { entered: await entering, ahead: aheadAnswer };
}
