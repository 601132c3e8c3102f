// What a visiting superadmin's page request leaves in the tenant's log, from the request as the
// browser sends it, through the server's listener (lib/request-stamp.ts classifies it) to the page's
// requireActor: a page load is recorded even when the client forges the classification header, a
// router prefetch and a server action's POST are not (nobody saw a page; the action writes its own
// entry).
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { activity } from "@/db/schema";
import { createTwoTenants, createUser } from "../support/fixtures";
import { signInAs } from "../support/session";
import { stamped } from "../support/stamped-request";

/** The request headers the page renders with: the request as the server's listener handed it to Next.js. */
let pageRequestHeaders = new Headers();

vi.mock("@/lib/auth", async () => {
  const { currentSession } = await import("../support/session");
  return { auth: async () => (currentSession.user ? { user: currentSession.user } : null) };
});
vi.mock("next/headers", () => ({ headers: async () => pageRequestHeaders, cookies: async () => ({ get: () => undefined }) }));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));

const { requireActor } = await import("@/lib/actor");

let world: Awaited<ReturnType<typeof createTwoTenants>>;
let root: { id: string; email: string };

/** Runs the request through the server's listener and gives the page the headers Next.js would hand it. */
function forwardThroughListener(path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  const { request } = stamped(path, init);
  pageRequestHeaders = new Headers(Object.entries(request).map(([name, value]): [string, string] => [name, String(value)]));
}

async function viewsRecordedFor(path: string, init?: Parameters<typeof forwardThroughListener>[1]) {
  forwardThroughListener(path, init);
  await requireActor(world.a.slug);
  const rows = await withTenant({ tenantId: world.a.id, userId: null }, (tx) =>
    tx.select().from(activity).where(and(eq(activity.tenantId, world.a.id), eq(activity.action, "superadmin.viewed"), eq(activity.targetId, path))),
  );
  return rows.length;
}

beforeAll(async () => {
  world = await createTwoTenants();
  root = await createUser("root", { isSuperadmin: true });
  signInAs(root);
});

describe("a visiting superadmin's requests", () => {
  it("a page load is recorded, with the path the listener saw, as the tenant's admins read it in their log", async () => {
    const path = `/t/${world.a.slug}/members`;
    expect(await viewsRecordedFor(path)).toBe(1);
    const [entry] = await withTenant({ tenantId: world.a.id, userId: null }, (tx) =>
      tx.select().from(activity).where(and(eq(activity.action, "superadmin.viewed"), eq(activity.targetId, path))),
    );
    expect(entry).toMatchObject({ summary: `${root.email} viewed ${path} as superadmin`, details: { path, viaSuperadmin: true } });
  });

  it("a page rendered without the listener's classification (or with one it never sets) counts as a view", async () => {
    for (const kind of [null, "preview"]) {
      const path = `/t/${world.a.slug}/members?unclassified=${kind}`;
      pageRequestHeaders = new Headers({ "x-tenantry-path": path });
      if (kind) pageRequestHeaders.set("x-tenantry-request-kind", kind);
      await requireActor(world.a.slug);
      const rows = await withTenant({ tenantId: world.a.id, userId: null }, (tx) =>
        tx.select().from(activity).where(and(eq(activity.action, "superadmin.viewed"), eq(activity.targetId, path))),
      );
      expect(rows, String(kind)).toHaveLength(1);
    }
  });

  it("a page load that forges the classification or path headers is still recorded, at its real path", async () => {
    const path = `/t/${world.a.slug}/settings`;
    const forged = { "x-tenantry-request-kind": "prefetch", "x-tenantry-path": "/somewhere-else" };
    expect(await viewsRecordedFor(path, { headers: forged })).toBe(1);
  });

  it("a page load carrying only some of Next's router headers is still recorded", async () => {
    const path = `/t/${world.a.slug}/flows`;
    expect(await viewsRecordedFor(path, { headers: { "next-router-prefetch": "1" } })).toBe(1);
  });

  it("a router prefetch is not recorded", async () => {
    const path = `/t/${world.a.slug}/activity`;
    expect(await viewsRecordedFor(path, { headers: { rsc: "1", "next-router-prefetch": "1" } })).toBe(0);
  });

  it("a server action's POST is not recorded as a view", async () => {
    const path = `/t/${world.a.slug}`;
    expect(await viewsRecordedFor(path, { method: "POST", headers: { "next-action": "abc123" } })).toBe(0);
  });
});
