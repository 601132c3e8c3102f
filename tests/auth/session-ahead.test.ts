// A tenant page view asks for its caller's page (caller_page) right behind the statement that finds
// its session, before that statement's answer (db/queries/sessions.ts findSessionEnteringUserWith,
// lib/actor.ts findMemberWithNav): one round trip and, on PostgreSQL, one socket write fewer. The
// caller's page takes its user from the scope the session's statement entered, never from the
// request. Held here: both leave in one write; the read ahead answers for the session's user only;
// a token that finds no session reads nobody's page, whatever tenant it names; a failing read ahead
// reaches only whoever awaits it.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { withSystem, type Tx } from "@/db/scopes";
import { readCallerPageOfScopeUser } from "@/db/queries/caller-page";
import { findSessionEnteringUserWith, insertSession } from "@/db/queries/sessions";
import { addMember, createTwoTenants, createUser } from "../support/fixtures";
import { socketWritesDuring } from "../support/socket-writes";

const onPostgres = process.env.DATABASE_URL?.startsWith("postgres") ?? false;

let world: Awaited<ReturnType<typeof createTwoTenants>>;

async function sessionOf(userId: string) {
  const sessionToken = randomBytes(16).toString("hex");
  await withSystem((tx) => insertSession(tx, { sessionToken, userId, expires: new Date(Date.now() + 86_400_000) }));
  return sessionToken;
}

/** The session of `token` found with the caller's page of `slug` read ahead, as a page view does. */
function findWithPage(token: string, slug: string) {
  return withSystem(async (tx) => {
    const { entered, ahead } = await findSessionEnteringUserWith(tx, token, (inScope: Tx) => readCallerPageOfScopeUser(inScope, slug));
    return { entered, ahead: await ahead };
  });
}

beforeAll(async () => {
  world = await createTwoTenants();
});

describe("the caller's page read ahead of the session's answer", () => {
  it("answers for the session's user: their membership of the slug's tenant and their own switcher", async () => {
    const both = await createUser("ahead-both");
    await addMember(world.a.id, both.id, ["viewer"]);
    await addMember(world.b.id, both.id, ["editor"]);
    const { entered, ahead } = await findWithPage(await sessionOf(both.id), world.b.slug);
    expect(entered?.found.user.id).toBe(both.id);
    expect(ahead.userId).toBe(both.id);
    expect(ahead.page.membership).toMatchObject({ tenant: { id: world.b.id }, roles: ["editor"], status: "active" });
    expect(ahead.page.switcher.map((tenant) => tenant.slug).sort()).toEqual([world.a.slug, world.b.slug].sort());
  });

  it("attack: A's admin's session read ahead for B's slug gets no membership and only A in the switcher", async () => {
    const { ahead } = await findWithPage(await sessionOf(world.adminA.id), world.b.slug);
    expect(ahead.userId).toBe(world.adminA.id);
    expect(ahead.page.membership).toBeNull();
    expect(ahead.page.ipAllowLists).toEqual({});
    expect(ahead.page.switcher.map((tenant) => tenant.id)).toEqual([world.a.id]);
  });

  it("attack: a guessed token finds no session, and the read ahead is nobody's, for a real tenant's slug", async () => {
    const { entered, ahead } = await findWithPage(randomBytes(16).toString("hex"), world.a.slug);
    expect(entered).toBeNull();
    expect(ahead).toEqual({ userId: null, page: { account: { canCreateTenants: false, isSuperadmin: false }, switcher: [], membership: null, ipAllowLists: {} } });
  });

  it("a read ahead that fails reaches whoever awaits it, and nothing else", async () => {
    const token = await sessionOf(world.adminA.id);
    const failing = () => Promise.reject(new Error("the read ahead failed"));
    const found = await withSystem(async (tx) => {
      const { entered, ahead } = await findSessionEnteringUserWith(tx, token, failing);
      await expect(ahead).rejects.toThrow("the read ahead failed");
      return entered;
    });
    expect(found?.found.user.id).toBe(world.adminA.id);
    // Dropped unawaited (an unusable session), it raises no unhandled rejection (Vitest fails a run on one).
    await withSystem((tx) => findSessionEnteringUserWith(tx, token, failing));
  });

  it.runIf(onPostgres)("leaves in the same socket write as the session's statement", async () => {
    const token = await sessionOf(world.adminA.id);
    const writes = await withSystem(async (tx) => {
      await tx.execute(sql`select 1`); // the scope's own write is out of the way
      return socketWritesDuring(tx, async () => {
        const { ahead } = await findSessionEnteringUserWith(tx, token, (inScope: Tx) => readCallerPageOfScopeUser(inScope, world.a.slug));
        expect((await ahead).page.membership).toMatchObject({ tenant: { id: world.a.id } });
      });
    });
    expect(writes).toHaveLength(1);
    expect(writes[0]).toContain('"sessions"."session_token" = $1');
    expect(writes[0]).toContain("caller_page(");
  });
});
