// Password sign-in: argon2id hashes, a database session marked 'password' opened with its sign-in
// entry in one transaction, the same answer (and comparable time) whether or not the account exists,
// and attempts limited per (account, IP) and per IP in PostgreSQL.
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { insertSession } from "@/db/queries/sessions";
import { setPasswordHash } from "@/db/queries/users";
import { activity, sessions } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/passwords";
import { signInWithPassword } from "@/lib/password-sign-in";
import { allowPasswordAttempt, PASSWORD_LIMITS } from "@/lib/sign-in-limits";
import { addMember, createTenant, createUser, uniqueSuffix } from "../support/fixtures";
import { inOneRateLimitWindow } from "../support/rate-limit-window";

const PASSWORD = "correct horse battery staple";

async function accountWithPassword(label: string) {
  const user = await createUser(label);
  const hash = await hashPassword(PASSWORD);
  await withSystem((tx) => setPasswordHash(tx, user.id, hash));
  return user;
}

const sessionsOf = (userId: string) => withSystem((tx) => tx.select().from(sessions).where(eq(sessions.userId, userId)));
const ip = () => `203.0.113.${Math.floor(Math.random() * 250)}-${uniqueSuffix()}`;

describe("password hashing", () => {
  it("stores argon2id hashes with their own salt, and verifies only the right password", async () => {
    const [one, two] = [await hashPassword(PASSWORD), await hashPassword(PASSWORD)];
    expect(one).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(one).not.toBe(two);
    expect(await verifyPassword(one, PASSWORD)).toBe(true);
    expect(await verifyPassword(one, `${PASSWORD}!`)).toBe(false);
    expect(await verifyPassword("not a hash", PASSWORD)).toBe(false);
    expect(await verifyPassword(null, PASSWORD)).toBe(false);
  });

  it("spends comparable time on an unknown account (a full verification against a throw-away hash)", async () => {
    const stored = await hashPassword(PASSWORD);
    await verifyPassword(null, "warm up"); // the throw-away hash is made once per process
    const time = async (work: () => Promise<unknown>) => {
      const started = performance.now();
      await work();
      return performance.now() - started;
    };
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await time(() => verifyPassword(stored, "wrong password")));
      unknown.push(await time(() => verifyPassword(null, "wrong password")));
    }
    // Without the throw-away verification, the unknown case would take well under a millisecond.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.3);
  });
});

describe("signInWithPassword", () => {
  it("opens a 'password' session and writes the sign-in entry in the user's tenant", async () => {
    const user = await accountWithPassword("pw-user");
    const tenant = await createTenant("pw-tenant");
    await addMember(tenant.id, user.id, ["viewer"]);

    const result = await signInWithPassword({ email: ` ${user.email.toUpperCase()} `, password: PASSWORD, ip: ip() });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [session] = await sessionsOf(user.id);
    expect(session).toMatchObject({ sessionToken: result.sessionToken, authMethod: "password" });
    expect(session!.expires.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);

    const entries = await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      tx.select().from(activity).where(and(eq(activity.tenantId, tenant.id), eq(activity.action, "auth.signed_in"))),
    );
    expect(entries).toMatchObject([{ actorUserId: user.id, details: { method: "password" } }]);
  });

  it("answers the same for a wrong password, an unknown address and an account without a password, opening nothing", async () => {
    const withPassword = await accountWithPassword("pw-wrong");
    const withoutPassword = await createUser("pw-none");
    const answers = [
      await signInWithPassword({ email: withPassword.email, password: "wrong password!", ip: ip() }),
      await signInWithPassword({ email: `nobody-${uniqueSuffix()}@example.test`, password: PASSWORD, ip: ip() }),
      await signInWithPassword({ email: withoutPassword.email, password: PASSWORD, ip: ip() }),
    ];
    expect(answers).toEqual(Array(3).fill({ ok: false, reason: "invalid_credentials" }));
    expect(await sessionsOf(withPassword.id)).toEqual([]);
    expect(await sessionsOf(withoutPassword.id)).toEqual([]);
  });

  it("replaces the browser's previous session (e.g. a magic-link one)", async () => {
    const user = await accountWithPassword("pw-replace");
    const old = `old-${uniqueSuffix()}`;
    await withSystem((tx) => insertSession(tx, { sessionToken: old, userId: user.id, expires: new Date(Date.now() + 60_000) }));
    const result = await signInWithPassword({ email: user.email, password: PASSWORD, ip: ip(), replacesSessionToken: old });
    expect(result.ok).toBe(true);
    expect((await sessionsOf(user.id)).map((s) => s.authMethod)).toEqual(["password"]);
  });

  it("limits attempts per account and IP: past the limit even the right password is refused from that IP", () =>
    inOneRateLimitWindow(async () => {
      const user = await accountWithPassword("pw-limited");
      const guesser = ip();
      for (let i = 0; i < PASSWORD_LIMITS.perAccountAndIp.limit; i++) {
        expect(await signInWithPassword({ email: user.email, password: `guess ${i}`, ip: guesser })).toEqual({ ok: false, reason: "invalid_credentials" });
      }
      expect(await signInWithPassword({ email: user.email, password: PASSWORD, ip: guesser })).toEqual({ ok: false, reason: "rate_limited" });
      expect(await sessionsOf(user.id)).toEqual([]);
    }));

  it("limits attempts per IP across addresses, whether or not they exist", () =>
    inOneRateLimitWindow(async () => {
      const address = ip();
      const results = [];
      for (let i = 0; i < PASSWORD_LIMITS.perIp.limit + 1; i++) {
        results.push(await withSystem((tx) => allowPasswordAttempt(tx, `spray-${i}-${uniqueSuffix()}@example.test`, address)));
      }
      expect(results.filter(Boolean)).toHaveLength(PASSWORD_LIMITS.perIp.limit);
      expect(results.at(-1)).toBe(false);
      const user = await accountWithPassword("pw-ip");
      expect(await signInWithPassword({ email: user.email, password: PASSWORD, ip: address })).toEqual({ ok: false, reason: "rate_limited" });
    }));
});
