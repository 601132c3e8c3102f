// How many transactions one signed-in page view opens: the tenant layout and a page rendered as in one
// request, with React's per-request cache (emulated below: outside a React server render `cache`
// memoises nothing), the session read through the real Auth.js adapter, and a counter on the
// database client. A page view reads the session (Auth.js, one system transaction), the actor with
// everything the nav shows (one user transaction, shared by the layout and the page) and the page's
// data (one tenant transaction): 3. Before (issue 11/17) it was 4: the nav had a transaction of its
// own; a visiting superadmin's took 6.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { withSystem } from "@/db/scopes";
import { insertSession } from "@/db/queries/sessions";
import { countDatabaseWork } from "@/db/statement-count";
import { SUPERADMIN_VERDICT_HEADER } from "@/lib/admin-concealment";
import { addMember, createTwoTenants, createUser } from "../support/fixtures";

// React's `cache` on the server: one memo per request, keyed by the function and its arguments.
const request = await vi.hoisted(async () => {
  const { AsyncLocalStorage } = await import("node:async_hooks");
  return { memo: new AsyncLocalStorage<Map<unknown, Map<string, unknown>>>(), sessionToken: { value: "" }, headers: new Headers() };
});
vi.mock("react", async (importOriginal) => {
  const react = await importOriginal<typeof import("react")>();
  const cache = <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      const memo = request.memo.getStore();
      if (!memo) return fn(...args);
      const calls = memo.get(fn) ?? new Map<string, unknown>();
      memo.set(fn, calls);
      const key = JSON.stringify(args);
      if (!calls.has(key)) calls.set(key, fn(...args));
      return calls.get(key) as R;
    };
  return { ...react, cache, default: { ...react, cache } };
});
// auth() as Auth.js answers a page: the session row read through the app's own adapter (one system
// transaction), shaped by the session callback's rules.
vi.mock("@/lib/auth", async () => {
  const { createAuthAdapter } = await import("@/db/auth-adapter");
  const adapter = createAuthAdapter({ clientIp: async () => null });
  return {
    auth: async () => {
      const found = await adapter.getSessionAndUser!(request.sessionToken.value);
      return found ? { user: { id: found.user.id, email: found.user.email }, authMethod: "magic_link" } : null;
    },
  };
});
// The request's headers as proxy.ts leaves them (set per test: its verdict on an /admin request).
vi.mock("next/headers", () => ({ headers: async () => new Headers(request.headers), cookies: async () => ({ get: () => undefined }) }));
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
const { getActor } = await import("@/lib/actor");

let world: Awaited<ReturnType<typeof createTwoTenants>>;

async function signInAs(userId: string) {
  request.sessionToken.value = randomBytes(16).toString("hex");
  await withSystem((tx) => insertSession(tx, { sessionToken: request.sessionToken.value, userId, expires: new Date(Date.now() + 3_600_000) }));
}

type Page = (props: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string>> }) => Promise<unknown>;

/** Renders the tenant's layout and a page of it as one request does; what they asked of the database. */
function oneView(page: Page) {
  const params = Promise.resolve({ slug: world.a.slug });
  return countDatabaseWork(() =>
    request.memo.run(new Map(), () => Promise.all([TenantLayout({ children: null, params }), page({ params, searchParams: Promise.resolve({}) })])),
  );
}

async function transactionsOfOneView(page: Page) {
  return (await oneView(page)).transactions;
}

/** The nav's props as the layout of `slug` renders them for the signed-in caller. */
async function navProps(slug: string) {
  const layout = await request.memo.run(new Map(), () => TenantLayout({ children: null, params: Promise.resolve({ slug }) }));
  return (layout as { props: { children: { props: Record<string, unknown> }[] } }).props.children[0]!.props;
}

/** What the layout of `slug` does for the signed-in caller when it does not render: its error, and the transactions. */
async function refusedLayout(slug: string) {
  let refused: unknown;
  const work = await countDatabaseWork(() =>
    request.memo.run(new Map(), () => TenantLayout({ children: null, params: Promise.resolve({ slug }) }).catch((error: unknown) => (refused = error))),
  );
  return { refused: String(refused), transactions: work.transactions };
}

beforeAll(async () => {
  world = await createTwoTenants();
});

describe("one signed-in page view", () => {
  it("opens three transactions: the session, the actor with the nav's data, the page's data", async () => {
    await signInAs(world.adminA.id);
    expect(await transactionsOfOneView(OverviewPage)).toBe(3);
    expect(await transactionsOfOneView(MembersPage)).toBe(3);
  });

  it("the overview sends 6 statements besides begin and commit (9 before migration 0050, 11 before that)", async () => {
    await signInAs(world.adminA.id);
    // The session: scope settings, session row. The actor: scope settings, then the account's flags,
    // the membership, the switcher and the tenant's IP allow-lists in one statement (caller_page,
    // migration 0050; four statements before). The page: scope settings, member count.
    expect(await oneView(OverviewPage)).toEqual({ transactions: 3, statements: 6 });
  });

  it("a member of several tenants still gets the switcher from the actor's transaction", async () => {
    const viewer = await createUser("viewer-of-two");
    await addMember(world.a.id, viewer.id, ["viewer"]);
    await addMember(world.b.id, viewer.id, ["viewer"]);
    await signInAs(viewer.id);
    expect(await transactionsOfOneView(OverviewPage)).toBe(3);
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
    expect(await transactionsOfOneView(OverviewPage)).toBe(3);
    expect(await navProps(world.a.slug)).toMatchObject({ canCreateTenants: true, showAdmin: true, showAdminPages: true });
  });

  it("a visiting superadmin's view adds only the entry that records it: four", async () => {
    const root = await createUser("root", { isSuperadmin: true });
    await signInAs(root.id);
    expect(await transactionsOfOneView(OverviewPage)).toBe(4);
  });

  it("a signed-out request reads the session only, and goes to sign-in", async () => {
    request.sessionToken.value = "no-such-session";
    const { refused, transactions } = await refusedLayout(world.a.slug);
    expect(refused).toMatch(/NEXT_REDIRECT \/login/);
    expect(transactions).toBe(1);
  });

  it("a non-member gets the 404 after the actor's one transaction; a slug that names no tenant, after the session alone", async () => {
    const outsider = await createUser("outsider");
    await signInAs(outsider.id);
    expect(await refusedLayout(world.a.slug)).toEqual({ refused: "Error: NEXT_NOT_FOUND", transactions: 2 });
    expect(await refusedLayout("Not a slug!")).toEqual({ refused: "Error: NEXT_NOT_FOUND", transactions: 1 });
  });

  it("actions and route handlers (getActor) read the actor in one transaction without the switcher", async () => {
    await signInAs(world.adminA.id);
    let actor: unknown;
    const work = await countDatabaseWork(() => request.memo.run(new Map(), async () => (actor = await getActor(world.a.slug))));
    expect(actor).toMatchObject({ tenant: { id: world.a.id }, roles: ["admin"], viaSuperadmin: false });
    // The session: scope settings, session row. The actor: scope settings, account flags, membership.
    expect(work).toEqual({ transactions: 2, statements: 5 });
  });
});

type AdminPage = (props: { searchParams: Promise<Record<string, string>> }) => Promise<unknown>;

/** Renders the console's layout and a page of it as one request does, with proxy.ts's verdict on it ("1": a superadmin). */
function renderConsole(page: AdminPage, verdict: string | null) {
  request.headers = new Headers(verdict === null ? {} : { [SUPERADMIN_VERDICT_HEADER]: verdict });
  return request.memo.run(new Map(), async () => {
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
// tenant page sends three statements fewer: the actor's four reads are one (caller_page).
describe("each signed-in page's budget", () => {
  it.each([
    ["overview", OverviewPage, { transactions: 3, statements: 6 }],
    ["members", MembersPage, { transactions: 3, statements: 11 }],
    ["activity", ActivityPage, { transactions: 3, statements: 10 }],
    // One statement more since template-made flows: it brings them up to date with their templates
    // (syncStaleTemplateFlows, db/queries/template-flows.ts) before the list reads them.
    ["flows", FlowsPage, { transactions: 3, statements: 13 }],
    ["settings", SettingsPage, { transactions: 3, statements: 11 }],
  ] as const)("%s: the session, the actor with the nav, the page's data", async (_name, page, budget) => {
    await signInAs(world.adminA.id);
    expect(await oneView(page as Page)).toEqual(budget);
  });

  it.each([
    ["/admin", AdminTenantsPage, { transactions: 2, statements: 9 }],
    ["/admin/activity", PlatformActivityPage, { transactions: 2, statements: 6 }],
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
