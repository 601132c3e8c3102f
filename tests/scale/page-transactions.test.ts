// How many transactions one signed-in page view opens: the tenant layout and a page rendered as in one
// request, with React's per-request cache (tests/support/request-cache.ts: outside a React server
// render `cache` memoises nothing), the session read as the app reads it (lib/database-session.ts, from the request's
// cookie), and a counter on the database client. A page view reads the session and the actor with
// everything the nav shows in one user transaction (the session's statement enters the user's scope:
// lib/actor.ts readSessionThenCaller), shared by the layout and the page, then the page's data in one
// tenant transaction: 2. Before (issue 11/17) it was 4: the session had a transaction of its own, and
// so had the nav; a visiting superadmin's took 6.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { withSystem } from "@/db/scopes";
import { insertSession } from "@/db/queries/sessions";
import { countDatabaseWork } from "@/db/statement-count";
import { SUPERADMIN_VERDICT_HEADER } from "@/lib/admin-concealment";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/session-cookie";
import { oneRequest } from "../support/request-cache";
import { addMember, createTwoTenants, createUser } from "../support/fixtures";

// The request's session cookie and headers, set per test.
const request = vi.hoisted(() => ({ sessionToken: { value: "" }, headers: new Headers() }));
vi.mock("react", async (importOriginal) => (await import("../support/request-cache")).withRequestCache(await importOriginal<object>()));
// The request's headers as proxy.ts leaves them (set per test: its verdict on an /admin request), and
// its session cookie as the browser sends it over http (Next.js sets x-forwarded-proto).
vi.mock("next/headers", () => ({
  headers: async () => new Headers([...new Headers(request.headers), ["x-forwarded-proto", "http"]]),
  cookies: async () => ({ get: (name: string) => (name === "authjs.session-token" ? { name, value: request.sessionToken.value } : undefined) }),
}));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));

const { default: TenantLayout } = await import("@/app/t/[slug]/layout");
const { default: OverviewPage } = await import("@/app/t/[slug]/page");
const { default: MembersPage } = await import("@/app/t/[slug]/members/page");
const { default: ActivityPage } = await import("@/app/t/[slug]/activity/page");
const { default: FlowsPage } = await import("@/app/t/[slug]/flows/page");
const { default: SettingsPage } = await import("@/app/t/[slug]/settings/page");
const { default: AdminLayout } = await import("@/app/admin/layout");
const { default: AdminTenantsPage } = await import("@/app/admin/page");
const { default: PlatformActivityPage } = await import("@/app/admin/activity/page");
const { getActor, getTenantSessionUser } = await import("@/lib/actor");

let world: Awaited<ReturnType<typeof createTwoTenants>>;

/** A session as sign-in opens it: its expiry a full max age away, so no view is due to move it on. */
async function signInAs(userId: string) {
  request.sessionToken.value = randomBytes(16).toString("hex");
  const expires = new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
  await withSystem((tx) => insertSession(tx, { sessionToken: request.sessionToken.value, userId, expires }));
}

type Page = (props: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string>> }) => Promise<unknown>;

/** Renders the tenant's layout and a page of it as one request does; what they asked of the database. */
function oneView(page: Page) {
  const params = Promise.resolve({ slug: world.a.slug });
  return countDatabaseWork(() =>
    oneRequest(() => Promise.all([TenantLayout({ children: null, params }), page({ params, searchParams: Promise.resolve({}) })])),
  );
}

async function transactionsOfOneView(page: Page) {
  return (await oneView(page)).transactions;
}

/** The nav's props as the layout of `slug` renders them for the signed-in caller. */
async function navProps(slug: string) {
  const layout = await oneRequest(() => TenantLayout({ children: null, params: Promise.resolve({ slug }) }));
  return (layout as { props: { children: { props: Record<string, unknown> }[] } }).props.children[0]!.props;
}

/** What the layout of `slug` does for the signed-in caller when it does not render: its error, and the transactions. */
async function refusedLayout(slug: string) {
  let refused: unknown;
  const work = await countDatabaseWork(() =>
    oneRequest(() => TenantLayout({ children: null, params: Promise.resolve({ slug }) }).catch((error: unknown) => (refused = error))),
  );
  return { refused: String(refused), transactions: work.transactions };
}

beforeAll(async () => {
  world = await createTwoTenants();
});

describe("one signed-in page view", () => {
  it("opens two transactions: the session with the actor and the nav's data, the page's data", async () => {
    await signInAs(world.adminA.id);
    expect(await transactionsOfOneView(OverviewPage)).toBe(2);
    expect(await transactionsOfOneView(MembersPage)).toBe(2);
  });

  it("the overview sends 5 statements besides begin and commit (6 with the session's own transaction, 9 before migration 0050)", async () => {
    await signInAs(world.adminA.id);
    // The session and the actor: scope settings, the session row (entering its user's scope), then
    // the account's flags, the membership, the switcher and the tenant's IP allow-lists in one
    // statement (caller_page, migration 0050; four statements before). The page: scope settings,
    // member count.
    expect(await oneView(OverviewPage)).toEqual({ transactions: 2, statements: 5 });
  });

  it("a member of several tenants still gets the switcher from the actor's transaction", async () => {
    const viewer = await createUser("viewer-of-two");
    await addMember(world.a.id, viewer.id, ["viewer"]);
    await addMember(world.b.id, viewer.id, ["viewer"]);
    await signInAs(viewer.id);
    expect(await transactionsOfOneView(OverviewPage)).toBe(2);
    const nav = await navProps(world.a.slug);
    expect(nav.tenants).toEqual(
      [world.a, world.b].map(({ id, slug, name }) => ({ id, slug, name, archived: false })).sort((x, y) => x.name.localeCompare(y.name)),
    );
    expect(nav).toMatchObject({ canCreateTenants: false, showAdmin: false, showAdminPages: false });
  });

  it("the account's flags come from the same transaction: Create tenant, and Admin for a superadmin who is a member", async () => {
    const creator = await createUser("creator", { canCreateTenants: true, isSuperadmin: true });
    await addMember(world.a.id, creator.id, ["admin"]);
    await signInAs(creator.id);
    expect(await transactionsOfOneView(OverviewPage)).toBe(2);
    expect(await navProps(world.a.slug)).toMatchObject({ canCreateTenants: true, showAdmin: true, showAdminPages: true });
  });

  it("a visiting superadmin's view adds only the entry that records it: three", async () => {
    const root = await createUser("root", { isSuperadmin: true });
    await signInAs(root.id);
    expect(await transactionsOfOneView(OverviewPage)).toBe(3);
  });

  it("a signed-out request reads the session only, and goes to sign-in", async () => {
    request.sessionToken.value = "no-such-session";
    const { refused, transactions } = await refusedLayout(world.a.slug);
    expect(refused).toMatch(/NEXT_REDIRECT \/login/);
    expect(transactions).toBe(1);
  });

  it("a non-member gets the 404 after the one transaction of the session and the actor; a slug that names no tenant, after the session alone", async () => {
    const outsider = await createUser("outsider");
    await signInAs(outsider.id);
    expect(await refusedLayout(world.a.slug)).toEqual({ refused: "Error: NEXT_NOT_FOUND", transactions: 1 });
    expect(await refusedLayout("Not a slug!")).toEqual({ refused: "Error: NEXT_NOT_FOUND", transactions: 1 });
  });

  it("actions and route handlers (getActor) read the actor in one transaction without the switcher", async () => {
    await signInAs(world.adminA.id);
    let actor: unknown;
    // As an action asks (lib/actions/tenant-action.ts): the session first, on its own.
    const afterSession = await countDatabaseWork(() =>
      oneRequest(async () => {
        await getTenantSessionUser();
        actor = await getActor(world.a.slug);
      }),
    );
    expect(actor).toMatchObject({ tenant: { id: world.a.id }, roles: ["admin"], viaSuperadmin: false });
    // The session: scope settings, session row. The actor: scope settings, account flags, membership.
    expect(afterSession).toEqual({ transactions: 2, statements: 5 });
    // The actor as the request's first read: the session row enters the user's scope, in the same transaction.
    actor = null;
    const first = await countDatabaseWork(() => oneRequest(async () => (actor = await getActor(world.a.slug))));
    expect(actor).toMatchObject({ tenant: { id: world.a.id }, roles: ["admin"], viaSuperadmin: false });
    expect(first).toEqual({ transactions: 1, statements: 4 });
  });
});

type AdminPage = (props: { searchParams: Promise<Record<string, string>> }) => Promise<unknown>;

/** Renders the console's layout and a page of it as one request does, with proxy.ts's verdict on it ("1": a superadmin). */
function renderConsole(page: AdminPage, verdict: string | null) {
  request.headers = new Headers(verdict === null ? {} : { [SUPERADMIN_VERDICT_HEADER]: verdict });
  return oneRequest(async () => {
    // Both halves run to their end before the view counts as done (a refused layout must not leave the
    // page's work running into the next count), then the first refusal is the view's answer.
    const [layout, rendered] = await Promise.allSettled([AdminLayout({ children: null }), page({ searchParams: Promise.resolve({}) })]);
    if (layout.status === "rejected") throw layout.reason;
    if (rendered.status === "rejected") throw rendered.reason;
    return [layout.value, rendered.value];
  });
}

const oneConsoleView = (page: AdminPage) => countDatabaseWork(() => renderConsole(page, "1"));

/** What one console view does when it does not render: its error, and what it asked of the database. */
async function refusedConsoleView(page: AdminPage, verdict: string | null) {
  let refused: unknown;
  const work = await countDatabaseWork(() => renderConsole(page, verdict).catch((error: unknown) => (refused = error)));
  return { refused: String(refused), work };
}

// Every signed-in page bench/pages.ts drives, held to what it asks of the database today (round trips
// on PostgreSQL: the statements plus begin and commit of each transaction). A change that adds a
// transaction or a statement to a page view fails here, and has to say why by raising the number.
// Before issue 11's pass over them: overview 3/9, members 3/14, activity 3/13, flows 3/15, settings
// 3/14; /admin 3/12 and /admin/activity 3/8, the superadmin flag read in both the layout's and the
// page's transaction (and a third time by proxy.ts, not counted here). Since migration 0050 every
// tenant page sends three statements fewer: the actor's four reads are one (caller_page); since the
// session is read in the actor's transaction, one transaction and one statement fewer again. On
// PostgreSQL the members list's planner settings are put back with the next statement, and COMMIT is
// next: not sent (db/queries/activity/planner-settings.ts), one statement fewer there. The console's
// pages read the platform's two-factor requirement with the superadmin flag (withPlatform): one
// statement fewer for a superadmin whose session has not passed two-factor (9 and 6 before).
const onPostgres = process.env.DATABASE_URL?.startsWith("postgres") ?? false;
describe("each signed-in page's budget", () => {
  it.each([
    ["overview", OverviewPage, { transactions: 2, statements: 5 }],
    ["members", MembersPage, { transactions: 2, statements: onPostgres ? 9 : 10 }],
    ["activity", ActivityPage, { transactions: 2, statements: 8 }],
    // One statement more since template-made flows: it brings them up to date with their templates
    // (syncStaleTemplateFlows, db/queries/template-flows.ts) before the list reads them.
    ["flows", FlowsPage, { transactions: 2, statements: 12 }],
    ["settings", SettingsPage, { transactions: 2, statements: 10 }],
  ] as const)("%s: the session with the actor and the nav, the page's data", async (_name, page, budget) => {
    await signInAs(world.adminA.id);
    expect(await oneView(page as Page)).toEqual(budget);
  });

  it.each([
    ["/admin", AdminTenantsPage, { transactions: 2, statements: 8 }],
    ["/admin/activity", PlatformActivityPage, { transactions: 2, statements: 5 }],
  ] as const)("%s: the session, then the page's one transaction (the flag read once, in it)", async (_name, page, budget) => {
    const root = await createUser("console", { isSuperadmin: true });
    await signInAs(root.id);
    expect(await oneConsoleView(page as AdminPage)).toEqual(budget);
  });
});

describe("the console's layout reads no flag of its own, and still keeps everyone else out", () => {
  it("without proxy.ts's verdict (proxy.ts not run, or a client's value it removed) even a superadmin gets the 404", async () => {
    const root = await createUser("console-unproxied", { isSuperadmin: true });
    await signInAs(root.id);
    for (const verdict of [null, "0", "true"]) {
      expect((await refusedConsoleView(AdminTenantsPage, verdict)).refused, String(verdict)).toMatch(/NEXT_NOT_FOUND/);
    }
  });

  it("a verdict reaching a member (were proxy.ts ever wrong) opens no page: the page's own check answers 404", async () => {
    await signInAs(world.adminA.id);
    for (const page of [AdminTenantsPage, PlatformActivityPage]) {
      const { refused, work } = await refusedConsoleView(page, "1");
      expect(refused).toMatch(/NEXT_NOT_FOUND/);
      // The session, and the page's transaction that found no superadmin.
      expect(work).toEqual({ transactions: 2, statements: 4 });
    }
  });
});
