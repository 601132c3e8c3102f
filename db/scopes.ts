// The scope helpers: every query in the application runs inside one of these. Each opens one
// transaction, switches to the runtime role and sets the scope's settings (set_config(..., true)
// lasts until the end of the transaction), then hands the transaction over. The settings are
// literals escaped by node-postgres, not parameters: a statement without parameters travels in one
// message with the transaction's BEGIN (db/begin-with-next-statement.ts).
import { AsyncLocalStorage } from "node:async_hooks";
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { noteDatabaseFailure } from "./availability";
import { besideSent } from "./beside-sent";
import { corkUntilQueued } from "./pooled-client";
import { findLoginRoleProblem, findRuntimeRoleProblem, getConnection, PLATFORM_ROLE, rowsOf, RUNTIME_ROLE, sqlLiteral, type Database } from "./client";

/** A transaction in no particular scope: what a query that works in any scope takes (global tables). */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

// The scope a transaction was opened in, as a type. Each scope helper hands out its own branded
// transaction, so a query declares the scope it needs in its signature and the type checker refuses
// a call from another scope (tests/architecture/scope-types.ts). A branded transaction is still a
// Tx, so queries over global tables take any of them.
declare const scope: unique symbol;

/**
 * A transaction in one tenant's scope (withTenant, enterTenant). Carries the tenant id: the tenant
 * queries filter by it explicitly (the second wall, under the row-level security policies).
 */
export type TenantTx = Tx & { readonly [scope]: "tenant"; readonly tenantId: string };
/** A transaction in a signed-in user's own scope (withUser, enterUser): their memberships across tenants. */
export type UserTx = Tx & { readonly [scope]: "user"; readonly userId: string };
/** A transaction before anyone is known (withSystem): global tables only. */
export type SystemTx = Tx & { readonly [scope]: "system" };
/** A superadmin's transaction (withPlatform), before it enters a tenant. */
export type PlatformTx = Tx & { readonly [scope]: "platform"; readonly superadminId: string };
/** The mail worker's transaction (withMailDelivery): the outbox only. */
export type MailDeliveryTx = Tx & { readonly [scope]: "mail-delivery" };
/** An API request's transaction before its tenant is known (withApiKeyLookup): one api_keys row. */
export type ApiKeyLookupTx = Tx & { readonly [scope]: "api-key-lookup" };

// The branded view of a transaction: a new object whose prototype is the transaction, so every
// query method runs on it unchanged, with the scope's own fields on top. Entering another scope
// in the same transaction makes another view; the earlier one keeps its fields (and its type).
function scoped<Scoped extends Tx>(tx: Tx, fields: Omit<Scoped, keyof Tx | typeof scope>): Scoped {
  const own = Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, { value }]));
  return Object.create(tx, own) as Scoped;
}

interface ScopeSettings {
  /** app.tenant_id: the tenant whose rows the tenant_isolation policies let through. */
  tenantId: string | null;
  /** app.user_id: who is acting (read by queries and triggers, never by a policy). */
  userId: string | null;
  /** app.self_user_id: lets a user read their own memberships across tenants (switcher). */
  selfUserId: string | null;
  /**
   * app.platform_user_id: a superadmin's console. Switches to PLATFORM_ROLE, which since migration
   * 0011 has no policy of its own: it reads a tenant's rows only after withPlatform's enterTenant.
   */
  platformUserId?: string | null;
  /** app.mail_delivery: the mail worker's scope, the only one the mail_outbox policies let read rows. */
  mailDelivery?: boolean;
  /** app.api_key_hash: an API request's key, by hash; the api_key_lookup policy shows that one api_keys row. */
  apiKeyHash?: string | null;
}

export class RuntimeRoleUnsafeError extends Error {}

/**
 * Start-up check of the user the app logs in as (see findLoginRoleProblem); null when it is safe.
 * PGlite is exempt: it is embedded, nobody logs in to it, and its one session is necessarily a
 * superuser; db/client.ts switches that session to the runtime role, and the runtime-role check
 * below still applies.
 */
export async function databaseLoginProblem(): Promise<string | null> {
  const { db, target } = await getConnection();
  if (target.engine === "pglite") return null;
  return findLoginRoleProblem(db);
}

let safetyCheck: Promise<void> | undefined;

/** Start-up check: refuse to run queries if PostgreSQL would not enforce isolation on the runtime role. */
export function assertRuntimeRoleIsSafe(): Promise<void> {
  safetyCheck ??= (async () => {
    const { db } = await getConnection();
    const problem = await findRuntimeRoleProblem(db);
    if (problem) {
      throw new RuntimeRoleUnsafeError(
        `Refusing to run: ${problem}. Row-level security would not isolate tenants for this role.`,
      );
    }
  })().catch((error) => {
    safetyCheck = undefined;
    throw error;
  });
  return safetyCheck;
}

// What to run once the current scope's transaction has committed (never on rollback). Carried by the
// async context, so work queued inside a nested savepoint belongs to the outermost transaction.
const commitHooks = new AsyncLocalStorage<(() => void)[]>();

/**
 * Runs `hook` after the current scope's transaction commits (the mail outbox wakes its worker this way,
 * so it never looks before the row is visible). Outside a scope nothing is registered.
 */
export function afterCommit(hook: () => void): void {
  commitHooks.getStore()?.push(hook);
}

/**
 * What a nested scope meets: refused on the embedded database (it would hang) and on PostgreSQL
 * outside production, so tests and development find the mistake at once; in production on
 * PostgreSQL it is logged and let through (it works there, at the price of a second connection),
 * so a path no test took does not turn into failed requests.
 */
export function nestedScopePolicy(engine: "pglite" | "postgres", nodeEnv: string | undefined): "refuse" | "log" {
  return engine === "postgres" && nodeEnv === "production" ? "log" : "refuse";
}

// Whether the async context is inside a scope's transaction that is still open (cleared when it ends,
// so work that outlives it, an after-commit hook, may open its own).
const openScope = new AsyncLocalStorage<{ open: boolean }>();

/**
 * A scope opened while another scope's transaction is open in the same async context. On PostgreSQL
 * that takes a second pooled connection (two transactions, neither seeing the other's writes, and
 * under load a pool whose every connection waits for a second one); on the embedded database (PGlite,
 * the demo's), whose one connection the outer transaction holds, the inner one would wait for it
 * forever. See nestedScopePolicy.
 */
export class NestedScopeError extends Error {
  constructor() {
    super("A scope helper was called inside another scope's open transaction; pass the transaction on, or open the second scope after the first");
  }
}

async function runInScope<T, Scoped extends Tx>(
  settings: ScopeSettings,
  view: (tx: Tx) => Scoped,
  work: (tx: Scoped) => Promise<T>,
): Promise<T> {
  await assertRuntimeRoleIsSafe();
  const { db, target } = await getConnection();
  if (openScope.getStore()?.open) {
    if (nestedScopePolicy(target.engine, process.env.NODE_ENV) === "refuse") throw new NestedScopeError();
    console.error("[scopes] a scope was opened inside another scope's open transaction:", new NestedScopeError().stack);
  }
  const hooks: (() => void)[] = [];
  const marker = { open: true };
  const result = await commitHooks
    .run(hooks, () =>
      openScope.run(marker, () =>
        db.transaction(async (tx) => {
          if (target.engine !== "postgres") {
            await applyScope(tx, settings);
            return work(view(tx));
          }
          // The work starts without waiting for the settings' answer; PostgreSQL runs its statements
          // after them, in the scope (besideSent). Its first statements leave in the same write as
          // BEGIN and the settings (corkUntilQueued).
          const [, result] = await corkUntilQueued(tx, () => besideSent(applyScope(tx, settings), () => work(view(tx))));
          return result;
        }),
      ),
    )
    .catch((error: unknown) => {
      throw noteDatabaseFailure(error);
    })
    .finally(() => {
      marker.open = false;
    });
  for (const hook of hooks) {
    try {
      hook();
    } catch (error) {
      console.error("[scopes] an after-commit hook failed:", error);
    }
  }
  return result;
}

// Per transaction, so they hold behind a transaction-pooling PgBouncer too (README, "Running at
// scale"): no statement of a request runs past 30 s, and a transaction whose app code stalls (or whose
// app server died without its socket closing) gives its connection and locks back after 60 s. Both
// failures roll back and reach the user as "nothing was changed, try again" (db/availability.ts).
const STATEMENT_TIMEOUT = "30s";
const IDLE_IN_TRANSACTION_TIMEOUT = "60s";

// jit off: every statement here is short (an index range, a page, a day's count). Where the
// planner's estimates run high (the row-level security policies, a word test on each entry), it
// would compile a statement with JIT, which costs 10-200 ms and never pays back at this size.
function applyScope(tx: Tx, s: ScopeSettings): Promise<void> {
  // Read by no policy or trigger (they read app.self_user_id and app.tenant_id; the role decides
  // platform reads since migration 0011): they name the caller for whoever inspects a session.
  // Stryker disable next-line LogicalOperator,StringLiteral: equivalent, no policy or trigger reads app.user_id
  const userId = s.userId ?? "";
  // Stryker disable next-line StringLiteral: equivalent, no policy or trigger reads app.platform_user_id since migration 0011
  const platformUserId = s.platformUserId ?? "";
  // Stryker disable next-line StringLiteral: equivalent, the api_key_lookup policy shows a row whose hash (64 hex digits) equals the setting; no text of a scope without a key is one
  const apiKeyHash = s.apiKeyHash ?? "";
  const literal = (value: string) => sql.raw(sqlLiteral(value));
  // `.then` at once, not `await`: drizzle hands the statement to the driver before this returns, so
  // it is the transaction's first statement on the wire whatever runInScope's work asks for next.
  return tx.execute(sql`select
    set_config('role', ${literal(s.platformUserId ? PLATFORM_ROLE : RUNTIME_ROLE)}, true),
    set_config('jit', 'off', true),
    set_config('app.tenant_id', ${literal(s.tenantId ?? "")}, true),
    set_config('app.user_id', ${literal(userId)}, true),
    set_config('app.self_user_id', ${literal(s.selfUserId ?? "")}, true),
    set_config('app.platform_user_id', ${literal(platformUserId)}, true),
    set_config('app.mail_delivery', ${literal(s.mailDelivery ? "on" : "")}, true),
    set_config('app.api_key_hash', ${literal(apiKeyHash)}, true),
    set_config('statement_timeout', ${literal(STATEMENT_TIMEOUT)}, true),
    set_config('idle_in_transaction_session_timeout', ${literal(IDLE_IN_TRANSACTION_TIMEOUT)}, true)`).then(() => undefined);
}

/** Work inside one tenant: tenant tables show and accept only that tenant's rows. */
export function withTenant<T>(scope: { tenantId: string; userId: string | null }, work: (tx: TenantTx) => Promise<T>) {
  const settings = { tenantId: scope.tenantId, userId: scope.userId, selfUserId: null };
  return runInScope(settings, (tx) => scoped<TenantTx>(tx, { tenantId: scope.tenantId }), work);
}

/** The caller's tenant, as the caller: what a page or route handler reads a tenant's data in. */
export function withActorTenant<T>(actor: { tenant: { id: string }; user: { id: string } }, work: (tx: TenantTx) => Promise<T>) {
  return withTenant({ tenantId: actor.tenant.id, userId: actor.user.id }, work);
}

/** The signed-in user's own data across tenants: global tables plus their own memberships. */
export function withUser<T>(scope: { userId: string }, work: (tx: UserTx) => Promise<T>) {
  const settings = { tenantId: null, userId: scope.userId, selfUserId: scope.userId };
  return runInScope(settings, (tx) => scoped<UserTx>(tx, { userId: scope.userId }), work);
}

/**
 * What must run before anyone is known (sign-in lookups, rate limits, the Auth.js adapter):
 * global tables only; every tenant table answers with no rows.
 */
export function withSystem<T>(work: (tx: SystemTx) => Promise<T>) {
  return runInScope({ tenantId: null, userId: null, selfUserId: null }, (tx) => scoped<SystemTx>(tx, {}), work);
}

/**
 * Continue the same transaction in another scope, for work that must commit together across scopes
 * (the sign-in entry is written into the user's tenant in the transaction that creates the session).
 * Returns the transaction in its new scope; the one passed in must not be used for tenant work.
 */
export async function enterTenant(tx: Tx, scope: { tenantId: string; userId: string | null }): Promise<TenantTx> {
  await applyScope(tx, { tenantId: scope.tenantId, userId: scope.userId, selfUserId: null });
  return scoped<TenantTx>(tx, { tenantId: scope.tenantId });
}

export async function enterUser(tx: Tx, scope: { userId: string }): Promise<UserTx> {
  await applyScope(tx, { tenantId: null, userId: scope.userId, selfUserId: scope.userId });
  return scoped<UserTx>(tx, { userId: scope.userId });
}

/**
 * The settings in which a user's scope differs from the system scope (withUser's app.user_id and
 * app.self_user_id; role, tenant and the rest are the same), as one select-list expression of the
 * user's id (a column): a system-scope statement that finds who the user is enters their scope in the
 * same round trip (db/queries/sessions.ts findSessionEnteringUser). It enters it only for a row it
 * returns. Then userScopeEnteredBy gives the transaction's user-scope view.
 */
export function userScopeSettingsOf(userId: SQLWrapper): SQL<string> {
  return sql<string>`set_config('app.user_id', ${userId}::text, true) || set_config('app.self_user_id', ${userId}::text, true)`;
}

/**
 * The user-scope view of a system-scope transaction whose statement selected userScopeSettingsOf for
 * this user and returned their row. Misused (no such statement), it fails closed: the transaction is
 * still the system scope's, in which a user's own rows answer with no rows.
 */
export function userScopeEnteredBy(tx: SystemTx, userId: string): UserTx {
  return scoped<UserTx>(tx, { userId });
}

/**
 * The mail worker's scope (lib/mail-worker.ts): reads and updates mail_outbox, which holds live links,
 * and nothing else; every tenant table answers with no rows.
 */
export function withMailDelivery<T>(work: (tx: MailDeliveryTx) => Promise<T>) {
  const settings = { tenantId: null, userId: null, selfUserId: null, mailDelivery: true };
  return runInScope(settings, (tx) => scoped<MailDeliveryTx>(tx, {}), work);
}

/**
 * An API request before its tenant is known: the one api_keys row with this key hash is readable
 * (read-only, the api_key_lookup policy), every other tenant row answers with no rows. The request
 * then runs in the key's tenant through withTenant.
 */
export function withApiKeyLookup<T>(keyHash: string, work: (tx: ApiKeyLookupTx) => Promise<T>) {
  const settings = { tenantId: null, userId: null, selfUserId: null, apiKeyHash: keyHash };
  return runInScope(settings, (tx) => scoped<ApiKeyLookupTx>(tx, {}), work);
}

export class NotSuperadminError extends Error {
  constructor() {
    // Stryker disable next-line StringLiteral: equivalent, every caller turns this error into a 404 by its class; the text only names it in a stack trace
    super("Not a superadmin");
  }
}

/** What a superadmin's transaction may do beyond global tables. */
export interface PlatformAccess {
  /**
   * The platform's "Require two-factor for all superadmins", read with the superadmin flag in the
   * transaction's first statement (lib/two-factor/superadmin-requirement.ts applies it).
   */
  readonly twoFactorRequired: boolean;
  /**
   * Enters one tenant: from here on the transaction sees that tenant's rows (its activity log
   * included), and the tenant's own log gets a "superadmin.accessed" entry saying why, and for a page,
   * the address that was viewed. No tenant's data is readable before this (migration 0011).
   * Returns the transaction in that tenant's scope, for the tenant queries.
   */
  enterTenant(tenantId: string, reason: string, viewedPath?: string): Promise<TenantTx>;
}

/**
 * Superadmin pages. Verifies the caller is a superadmin inside the same transaction. Global tables
 * (tenants, users, the platform log) are readable; tenant data, activity logs included, only through
 * `platform.enterTenant`, which records the access in that tenant's log in the same transaction.
 */
export function withPlatform<T>(scope: { superadminId: string }, work: (tx: PlatformTx, platform: PlatformAccess) => Promise<T>) {
  const platformScope = { tenantId: null, userId: scope.superadminId, selfUserId: null, platformUserId: scope.superadminId };
  const view = (tx: Tx) => scoped<PlatformTx>(tx, { superadminId: scope.superadminId });
  return runInScope(platformScope, view, async (tx) => {
    // The platform's two-factor requirement comes with the flag: every caller applies it next.
    const rows = await tx.execute(sql`select email,
        coalesce((select superadmin_two_factor_required from platform_settings where id), false) as "twoFactorRequired"
      from users where id = ${scope.superadminId} and is_superadmin`);
    const [superadmin] = rowsOf<{ email: string; twoFactorRequired: boolean }>(rows);
    if (!superadmin) throw new NotSuperadminError();
    return work(tx, {
      twoFactorRequired: superadmin.twoFactorRequired,
      async enterTenant(tenantId, reason, viewedPath) {
        await applyScope(tx, { ...platformScope, tenantId });
        const details = viewedPath ? JSON.stringify({ path: viewedPath, viaSuperadmin: true }) : null;
        await tx.execute(sql`insert into activity (tenant_id, actor_user_id, actor_email, action, summary, target_type, target_id, details)
          values (${tenantId}, ${scope.superadminId}, ${superadmin.email}, 'superadmin.accessed', ${reason},
            ${viewedPath ? "page" : null}, ${viewedPath ?? null}, ${details}::jsonb)`);
        return scoped<TenantTx>(tx, { tenantId });
      },
    });
  });
}
