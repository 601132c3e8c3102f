// A page view reads its session and its caller in one transaction: the statement that finds the
// session enters its user's scope (db/queries/sessions.ts findSessionEnteringUser, lib/actor.ts
// readSessionThenCaller). Held here: the scope it enters is exactly the session user's (their own
// memberships, nobody else's, no tenant's rows), no session enters nothing, and the caller read this
// way answers as the session read on its own would (expired, due, pending second factor, another
// user's token).
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { findSessionEnteringUser, insertSession } from "@/db/queries/sessions";
import { countDatabaseWork } from "@/db/statement-count";
import { flows, memberships, sessions, userTwoFactor } from "@/db/schema";
import { SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS } from "@/lib/session-cookie";
import { oneRequest } from "../support/request-cache";
import { addMember, createTwoTenants, createUser } from "../support/fixtures";

// The request's session cookie, set per test.
const request = vi.hoisted(() => ({ sessionToken: { value: "" } }));
vi.mock("react", async (importOriginal) => (await import("../support/request-cache")).withRequestCache(await importOriginal<object>()));
// The request's session cookie over http, as the browser sends it.
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-proto": "http" }),
  cookies: async () => ({ get: (name: string) => (name === "authjs.session-token" ? { name, value: request.sessionToken.value } : undefined) }),
}));

const { getActor, getTenantSessionUser, getUserAwaitingSecondFactor } = await import("@/lib/actor");

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_AGE_MS = SESSION_MAX_AGE_SECONDS * 1000;

let world: Awaited<ReturnType<typeof createTwoTenants>>;

/** A session of `userId` expiring at `expires` (default: a full max age away, as sign-in sets it). */
async function sessionOf(userId: string, expires = new Date(Date.now() + MAX_AGE_MS), extra: { secondFactorAt?: Date } = {}) {
  const sessionToken = randomBytes(16).toString("hex");
  await withSystem((tx) => insertSession(tx, { sessionToken, userId, expires, ...extra }));
  return sessionToken;
}

/** One request with this session cookie: getActor as its first read, then what the request's session answers. */
async function requestAs(token: string, slug: string) {
  request.sessionToken.value = token;
  return oneRequest(async () => {
    let actor: Awaited<ReturnType<typeof getActor>> = null;
    const work = await countDatabaseWork(async () => {
      actor = await getActor(slug);
    });
    return { actor, user: await getTenantSessionUser(), awaiting: await getUserAwaitingSecondFactor(), work };
  });
}

const expiryOf = async (token: string) =>
  (await withSystem((tx) => tx.select({ expires: sessions.expires }).from(sessions).where(eq(sessions.sessionToken, token))))[0]?.expires ?? null;

beforeAll(async () => {
  world = await createTwoTenants();
  await withTenant({ tenantId: world.b.id, userId: null }, (tx) =>
    tx.insert(flows).values({ tenantId: world.b.id, name: "B's flow", steps: ["fetch"], createdBy: world.adminB.id }),
  );
});

describe("the session's statement enters its user's scope", () => {
  it("the user's own memberships, across tenants, and nobody else's", async () => {
    const both = await createUser("member-of-both");
    await addMember(world.a.id, both.id, ["viewer"]);
    await addMember(world.b.id, both.id, ["editor"]);
    const token = await sessionOf(both.id);
    const seen = await withSystem(async (tx) => {
      const entered = await findSessionEnteringUser(tx, token);
      expect(entered?.found.user.id).toBe(both.id);
      expect(entered?.userTx.userId).toBe(both.id);
      return entered!.userTx.select({ userId: memberships.userId, tenantId: memberships.tenantId }).from(memberships);
    });
    expect(seen.map((row) => row.userId)).toEqual([both.id, both.id]);
    expect(new Set(seen.map((row) => row.tenantId))).toEqual(new Set([world.a.id, world.b.id]));
  });

  it("no tenant's rows: the scope is the user's, not a tenant's", async () => {
    const token = await sessionOf(world.adminB.id);
    const seen = await withSystem(async (tx) => {
      const entered = await findSessionEnteringUser(tx, token);
      return entered!.userTx.select().from(flows);
    });
    expect(seen).toEqual([]);
  });

  it("an unknown token finds nothing and enters nothing: the transaction still sees no one's memberships", async () => {
    const seen = await withSystem(async (tx) => {
      expect(await findSessionEnteringUser(tx, randomBytes(16).toString("hex"))).toBeNull();
      return tx.select().from(memberships);
    });
    expect(seen).toEqual([]);
  });
});

describe("the caller read with the session answers as the session read on its own", () => {
  it("a live session: the member, in one transaction, and the request's session is that user", async () => {
    const { actor, user, work } = await requestAs(await sessionOf(world.adminA.id), world.a.slug);
    expect(actor).toMatchObject({ tenant: { id: world.a.id }, user: { id: world.adminA.id }, roles: ["admin"] });
    expect(user?.id).toBe(world.adminA.id);
    expect(work.transactions).toBe(1);
  });

  it("where React's cache does not hold (a route handler), still one transaction: no second one opened inside it", async () => {
    request.sessionToken.value = await sessionOf(world.adminA.id);
    let actor: Awaited<ReturnType<typeof getActor>> = null;
    // Outside oneRequest: `cache` memoises nothing, as outside a React server render.
    const work = await countDatabaseWork(async () => {
      actor = await getActor(world.a.slug);
    });
    expect(actor).toMatchObject({ tenant: { id: world.a.id }, user: { id: world.adminA.id } });
    expect(work.transactions).toBe(1);
  });

  it("attack: A's admin's session asks for B's tenant and gets nothing of it", async () => {
    const { actor, user } = await requestAs(await sessionOf(world.adminA.id), world.b.slug);
    expect(actor).toBeNull();
    expect(user?.id).toBe(world.adminA.id);
  });

  it("an expired session: nobody, the row deleted", async () => {
    const token = await sessionOf(world.adminA.id, new Date(Date.now() - 60_000));
    const { actor, user } = await requestAs(token, world.a.slug);
    expect(actor).toBeNull();
    expect(user).toBeNull();
    expect(await expiryOf(token)).toBeNull();
  });

  it("a session due for its daily move: moved on a full max age, then the member read", async () => {
    const token = await sessionOf(world.adminA.id, new Date(Date.now() + MAX_AGE_MS - SESSION_UPDATE_AGE_SECONDS * 1000 - 60_000));
    const { actor, user } = await requestAs(token, world.a.slug);
    expect(actor).toMatchObject({ tenant: { id: world.a.id }, user: { id: world.adminA.id } });
    expect(user?.id).toBe(world.adminA.id);
    expect((await expiryOf(token))!.valueOf()).toBeGreaterThan(Date.now() + MAX_AGE_MS - DAY_MS / 24);
  });

  it("a session waiting for its second factor: nobody's in the tenant, and the request knows whose it is", async () => {
    const enrolled = await createUser("caller-2fa");
    await addMember(world.a.id, enrolled.id, ["admin"]);
    await withSystem((tx) =>
      tx.insert(userTwoFactor).values({ userId: enrolled.id, keyId: "test", iv: "iv", authTag: "tag", ciphertext: "secret", confirmedAt: new Date() }),
    );
    const pending = await requestAs(await sessionOf(enrolled.id), world.a.slug);
    expect(pending.actor).toBeNull();
    expect(pending.user).toBeNull();
    expect(pending.awaiting?.id).toBe(enrolled.id);
    const passed = await requestAs(await sessionOf(enrolled.id, undefined, { secondFactorAt: new Date() }), world.a.slug);
    expect(passed.actor).toMatchObject({ user: { id: enrolled.id, twoFactorEnabled: true } });
  });

  it("no session for an unknown token or a forged cookie, and no database work for the forged one", async () => {
    expect((await requestAs(randomBytes(16).toString("hex"), world.a.slug)).actor).toBeNull();
    const forged = await requestAs("bad\u0000token", world.a.slug);
    expect(forged).toMatchObject({ actor: null, user: null, work: { transactions: 0 } });
  });
});
