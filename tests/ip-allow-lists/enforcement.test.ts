// IP allow-lists through the real wrappers: an action, an API call and a page view from an address
// the tenant's list for their kind refuses are refused, write nothing but the refusal's own log entry,
// and the same from an allowed address works; the lock-out guard, a superadmin's clear, and the
// tenant wall around the lists.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { withSystem, withTenant, withUser } from "@/db/scopes";
import { activity, flows, ipAllowLists } from "@/db/schema";
import { readIpAllowLists, replaceIpAllowLists } from "@/db/queries/ip-allow-lists";
import { insertUser } from "@/db/queries/users";
import { IP_REFUSED_MESSAGE } from "@/lib/ip-allow-list";
import { runWithClientAddress } from "@/lib/request-address";
import { addMember, createTwoTenants, createUser, uniqueSuffix } from "../support/fixtures";
import { actingAs } from "../support/session";

vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  forbidden: () => {
    throw new Error("NEXT_FORBIDDEN");
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));

const { createFlow, runFlow } = await import("@/app/t/[slug]/flows/actions");
const { saveIpAllowLists, updateGeneralSettings } = await import("@/app/t/[slug]/settings/actions");
const { clearTenantIpAllowLists } = await import("@/app/admin/actions");
const { createApiKey } = await import("@/app/t/[slug]/api-keys/actions");
const { authorizeApiRequest } = await import("@/lib/api/api-caller");
const { requireActor } = await import("@/lib/actor");

type User = { id: string; email: string };
let world: Awaited<ReturnType<typeof createTwoTenants>>;
let editorA: User;

const OFFICE = "10.0.0.0/8";
const RUNNERS = "192.0.2.0/24";
const from = <T>(ip: string, user: User, work: () => Promise<T>) => runWithClientAddress(ip, () => actingAs(user, work));
const listsOf = (tenantId: string) => withTenant({ tenantId, userId: null }, (tx) => readIpAllowLists(tx));
const setLists = (tenantId: string, lists: Record<string, string[]>) => withTenant({ tenantId, userId: null }, (tx) => replaceIpAllowLists(tx, lists));
const entries = (tenantId: string, action: string) =>
  withTenant({ tenantId, userId: null }, (tx) => tx.select().from(activity).where(and(eq(activity.tenantId, tenantId), eq(activity.action, action))));
const flowsNamed = (tenantId: string, name: string) =>
  withTenant({ tenantId, userId: null }, (tx) => tx.select().from(flows).where(and(eq(flows.tenantId, tenantId), eq(flows.name, name))));

beforeAll(async () => {
  world = await createTwoTenants();
  editorA = await createUser("editor-a");
  await addMember(world.a.id, editorA.id, ["editor"]);
  // Tenant A: edit, admin and package from the office, runs (and the API) from the runners only.
  await setLists(world.a.id, { edit: [OFFICE], admin: [OFFICE], package: [OFFICE], run: [RUNNERS] });
});

describe("tenant actions", () => {
  it("refuses an edit from outside the edit list, writes nothing and logs the refusal; the office may", async () => {
    const name = `flow-${uniqueSuffix()}`;
    const refused = await from("198.51.100.7", editorA, () => createFlow(world.a.slug, null, { name, steps: ["validate"] }));
    expect(refused).toMatchObject({ ok: false, code: "FORBIDDEN", message: IP_REFUSED_MESSAGE });
    expect(await flowsNamed(world.a.id, name)).toEqual([]);
    expect(await entries(world.a.id, "flow.created")).toEqual([]);
    const [logged] = (await entries(world.a.id, "tenant.ip_refused")).filter((entry) => entry.ip === "198.51.100.7");
    expect(logged).toMatchObject({ actorUserId: editorA.id, targetId: "edit", details: { kind: "edit", what: "flow.create" } });
    expect(logged!.summary).toBe(`${editorA.email} was refused from 198.51.100.7: not in the Edit allow-list (flow.create)`);

    const allowed = await from("10.20.30.40", editorA, () => createFlow(world.a.slug, null, { name, steps: ["validate"] }));
    expect(allowed.ok).toBe(true);
    expect(await flowsNamed(world.a.id, name)).toHaveLength(1);
  });

  it("checks a run against the run list, not the edit list", async () => {
    const name = `run-${uniqueSuffix()}`;
    const created = await from("10.0.0.1", editorA, () => createFlow(world.a.slug, null, { name, steps: ["validate"] }));
    if (!created.ok) throw new Error(created.message);
    const flowId = created.data.id;
    expect(await from("10.0.0.1", editorA, () => runFlow(world.a.slug, null, { flowId }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await from("192.0.2.77", editorA, () => runFlow(world.a.slug, null, { flowId }))).toMatchObject({ ok: true });
  });

  it("refuses an Admin's settings change from outside the admin list, but not a stranger's NOT_FOUND", async () => {
    const refused = await from("2001:db8::1", world.adminA, () => updateGeneralSettings(world.a.slug, null, { name: "Renamed", contactEmail: "" }));
    expect(refused).toMatchObject({ ok: false, code: "FORBIDDEN", message: IP_REFUSED_MESSAGE });
    // Someone with no access to A is told nothing about its lists.
    const stranger = await from("198.51.100.7", world.adminB, () => createFlow(world.a.slug, null, { name: `flow-${uniqueSuffix()}`, steps: ["validate"] }));
    expect(stranger).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("does not hold a visiting superadmin, who is the way back in", async () => {
    const superadmin = await withSystem((tx) => insertUser(tx, { email: `visitor-${uniqueSuffix()}@example.test`, name: "visitor", isSuperadmin: true }));
    const name = `visit-${uniqueSuffix()}`;
    expect(await from("198.51.100.8", superadmin, () => createFlow(world.a.slug, null, { name, steps: ["validate"] }))).toMatchObject({ ok: true });
    expect(await flowsNamed(world.a.id, name)).toHaveLength(1);
  });
});

describe("the API", () => {
  it("answers 403 problem+json from outside the run list and logs it; a runner's address passes", async () => {
    const key = await from("10.0.0.9", world.adminA, () => createApiKey(world.a.slug, null, { name: `bot-${uniqueSuffix()}`, role: "editor", expires: "" }));
    if (!key.ok) throw new Error(key.message);
    const request = () => new Request("http://localhost/api/v1/tenant", { headers: { authorization: `Bearer ${key.data.key}` } });

    const refused = (await runWithClientAddress("203.0.113.50", () => authorizeApiRequest(request(), "tenant.read"))) as Response;
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(await refused.json()).toEqual({
      type: "about:blank",
      title: "Forbidden",
      status: 403,
      detail: "Your address is not allowed to use this tenant's API (IP allow-list).",
    });
    const logged = (await entries(world.a.id, "tenant.ip_refused")).filter((entry) => entry.ip === "203.0.113.50");
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ actorUserId: null, actorEmail: `API key ${key.data.name}`, targetId: "run", details: { kind: "run", what: "api" } });

    expect(await runWithClientAddress("192.0.2.1", () => authorizeApiRequest(request(), "tenant.read"))).toMatchObject({ tenantId: world.a.id });
  });
});

describe("page views", () => {
  it("answer 403 to an address no list lets through, logged; open when some kind allows it", async () => {
    await expect(from("198.51.100.99", editorA, () => requireActor(world.a.slug))).rejects.toThrow("NEXT_FORBIDDEN");
    const logged = (await entries(world.a.id, "tenant.ip_refused")).filter((entry) => entry.ip === "198.51.100.99");
    expect(logged[0]).toMatchObject({ targetId: "page", details: { kind: "page", what: `/t/${world.a.slug}` } });
    // The runners may only run flows: that is enough to see the pages.
    expect(await from("192.0.2.3", editorA, () => requireActor(world.a.slug))).toMatchObject({ tenant: { id: world.a.id } });
  });
});

describe("the lock-out guard", () => {
  it("refuses bad blocks next to their field and saves nothing", async () => {
    const result = await from("10.0.0.9", world.adminB, () =>
      saveIpAllowLists(world.b.slug, null, { run: "", edit: "10.0.0.0/8\n10.0.0.300", admin: "", package: "" }),
    );
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { edit: ["Not an IPv4 or IPv6 address or CIDR block: 10.0.0.300"] } });
    expect(await listsOf(world.b.id)).toEqual({});
  });

  it("asks for confirmation when a list would exclude the saving Admin, and saves with it", async () => {
    const lists = { run: RUNNERS, edit: "", admin: "10.0.0.0/8, 2001:db8::/32", package: "" };
    const unconfirmed = await from("198.51.100.1", world.adminB, () => saveIpAllowLists(world.b.slug, null, lists));
    const question = "This list does not include your address (198.51.100.1): Run, Admin. Confirm to save it anyway; you may lose access.";
    expect(unconfirmed).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { confirmLockOut: [question] } });
    expect(await listsOf(world.b.id)).toEqual({});

    const confirmed = await from("198.51.100.1", world.adminB, () => saveIpAllowLists(world.b.slug, null, { ...lists, confirmLockOut: "on" }));
    expect(confirmed).toMatchObject({ ok: true, message: "IP allow-lists saved." });
    expect(await listsOf(world.b.id)).toEqual({ run: [RUNNERS], admin: ["10.0.0.0/8", "2001:db8::/32"] });
    const [entry] = await entries(world.b.id, "tenant.ip_allow_lists_updated");
    expect(entry).toMatchObject({ actorUserId: world.adminB.id, details: { before: {}, after: { run: [RUNNERS], edit: [], admin: ["10.0.0.0/8", "2001:db8::/32"], package: [] } } });

    // Now the Admin's own address is out: the next admin change is refused.
    const locked = await from("198.51.100.1", world.adminB, () => saveIpAllowLists(world.b.slug, null, { run: "", edit: "", admin: "", package: "" }));
    expect(locked).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await listsOf(world.b.id)).toEqual({ run: [RUNNERS], admin: ["10.0.0.0/8", "2001:db8::/32"] });
  });

  it("saves without asking when every list includes the Admin's address", async () => {
    const admin = await createUser("admin-c");
    await addMember(world.b.id, admin.id, ["admin"]);
    const result = await from("10.1.1.1", admin, () => saveIpAllowLists(world.b.slug, null, { run: "", edit: "", admin: "10.0.0.0/8", package: "10.1.0.0/16" }));
    expect(result).toMatchObject({ ok: true });
    expect(await listsOf(world.b.id)).toEqual({ admin: ["10.0.0.0/8"], package: ["10.1.0.0/16"] });
  });
});

describe("a superadmin's clear", () => {
  it("is refused to the tenant's own Admin and clears every list for a superadmin, logged on both sides", async () => {
    await setLists(world.b.id, { admin: ["10.0.0.0/8"] });
    expect(await from("10.0.0.1", world.adminB, () => clearTenantIpAllowLists(null, { tenantId: world.b.id }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await listsOf(world.b.id)).toEqual({ admin: ["10.0.0.0/8"] });

    const superadmin = await withSystem((tx) => insertUser(tx, { email: `super-${uniqueSuffix()}@example.test`, name: "super", isSuperadmin: true }));
    // From any address: the console is not under a tenant's lists.
    expect(await from("203.0.113.1", superadmin, () => clearTenantIpAllowLists(null, { tenantId: world.b.id }))).toMatchObject({ ok: true });
    expect(await listsOf(world.b.id)).toEqual({});
    const [entry] = await entries(world.b.id, "superadmin.accessed");
    expect(entry?.summary).toBe("A superadmin cleared the IP allow-lists");
  });
});

describe("the tenant wall", () => {
  it("shows a tenant's lists to its own scope and its active members only", async () => {
    const fromB = await withTenant({ tenantId: world.b.id, userId: null }, (tx) => tx.select().from(ipAllowLists).where(eq(ipAllowLists.tenantId, world.a.id)));
    expect(fromB).toEqual([]);
    // The user scope a page view reads them in (db/queries/caller-page.ts): its own_tenants_lists policy.
    const listsOfAInUserScope = (userId: string) =>
      withUser({ userId }, async (tx) => Object.fromEntries((await tx.select().from(ipAllowLists).where(eq(ipAllowLists.tenantId, world.a.id))).map((row) => [row.kind, row.cidrs])));
    expect(await listsOfAInUserScope(world.adminB.id)).toEqual({});
    expect(await listsOfAInUserScope(editorA.id)).toEqual({ edit: [OFFICE], admin: [OFFICE], package: [OFFICE], run: [RUNNERS] });
  });

  it("refuses a row written for another tenant", async () => {
    await expect(
      withTenant({ tenantId: world.b.id, userId: null }, (tx) => tx.insert(ipAllowLists).values({ tenantId: world.a.id, kind: "run", cidrs: ["0.0.0.0/0"] })),
    ).rejects.toThrow();
    expect((await listsOf(world.a.id)).run).toEqual([RUNNERS]);
  });
});
