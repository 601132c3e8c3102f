// The members page's query: status as users see it, filters, search, sort and paging as the URL
// says, and never a row of another tenant whatever the filters.
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { listMembers, type MemberListQuery } from "@/db/queries/members";
import { memberships, users } from "@/db/schema";
import { insertUser } from "@/db/queries/users";
import { parseMembersTableState } from "@/app/t/[slug]/members/members-table-state";
import { createTenant, uniqueSuffix } from "../support/fixtures";
import { claimingTenant } from "../support/forged-scope";
import { addMemberWith } from "./members-support";

let tenant: { id: string; slug: string };
let other: { id: string; slug: string };
const tag = uniqueSuffix();

// Joined one minute apart, oldest first: Ada (Admin), Bob (Editor, Active though his account never
// signed in: status is stored per tenant, not derived from the account), Cy (Viewer, suspended), Dee
// (Viewer + Editor), and Zed, Invited: his account has a name (and has signed in, elsewhere), which
// this tenant must not see, find nor sort by until he accepts.
const PEOPLE = [
  { name: "Ada Lovelace", local: "ada", roles: ["admin"], verified: true, status: "active" },
  { name: "Bob 100%_Sure", local: "bob", roles: ["editor"], verified: false, status: "active" },
  { name: "Cy Twombly", local: "cy", roles: ["viewer"], verified: true, status: "suspended" },
  { name: "Dee Dee", local: "dee", roles: ["viewer", "editor"], verified: true, status: "active" },
  { name: "Zed Hidden", local: "zed", roles: ["viewer"], verified: true, status: "invited" },
] as const;

const emailOf = (local: string) => `${local}-${tag}@list.example`;

beforeAll(async () => {
  tenant = await createTenant("listed");
  other = await createTenant("unlisted");
  const start = Date.now() - 60 * 60_000;
  for (const [index, person] of PEOPLE.entries()) {
    const user = await withSystem((tx) =>
      insertUser(tx, { email: emailOf(person.local), name: person.name, emailVerified: person.verified ? new Date() : null }),
    );
    const membership = await addMemberWith(tenant.id, user.id, [...person.roles], person.status);
    await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      tx.update(memberships).set({ createdAt: new Date(start + index * 60_000) }).where(eq(memberships.id, membership.id)),
    );
  }
  // Another tenant whose members match every filter and search used below.
  const outsider = await withSystem((tx) => insertUser(tx, { email: `ada-outsider-${tag}@list.example`, name: "Ada Outsider" }));
  await addMemberWith(other.id, outsider.id, ["admin", "viewer", "editor"]);
  await withSystem((tx) => tx.update(users).set({ emailVerified: new Date() }).where(eq(users.id, outsider.id)));
});

const DEFAULT: MemberListQuery = { page: 1, size: 25, sort: "joined", dir: "desc" };
const list = (query: Partial<MemberListQuery> = {}) =>
  withTenant({ tenantId: tenant.id, userId: null }, (tx) => listMembers(tx, { ...DEFAULT, ...query }));
const locals = async (query: Partial<MemberListQuery> = {}) => (await list(query)).rows.map((row) => row.email.split("-")[0]);

describe("listMembers", () => {
  it("lists newest first with name, email, roles, status and joined date", async () => {
    const { rows, total } = await list();
    expect(total).toBe(5);
    expect(rows.map((r) => r.email.split("-")[0])).toEqual(["zed", "dee", "cy", "bob", "ada"]);
    expect(rows.find((r) => r.name === "Bob 100%_Sure")).toMatchObject({ email: emailOf("bob"), roles: ["editor"], status: "active" });
    expect(rows.find((r) => r.email === emailOf("zed"))).toMatchObject({ name: null, status: "invited" });
    expect(rows.find((r) => r.name === "Cy Twombly")?.status).toBe("suspended");
    expect(rows.find((r) => r.name === "Ada Lovelace")?.status).toBe("active");
    expect(rows[0]!.joinedAt).toBeInstanceOf(Date);
  });

  it("filters by role (members holding it among others) and by status", async () => {
    expect(await locals({ role: "editor" })).toEqual(["dee", "bob"]);
    expect(await locals({ role: "admin" })).toEqual(["ada"]);
    expect(await locals({ status: "invited" })).toEqual(["zed"]);
    expect(await locals({ status: "suspended" })).toEqual(["cy"]);
    expect(await locals({ status: "active" })).toEqual(["dee", "bob", "ada"]);
    expect(await locals({ role: "viewer", status: "active" })).toEqual(["dee"]);
    expect((await list({ role: "viewer", status: "invited" })).total).toBe(1);
  });

  it("searches names and emails as substrings, case-insensitively, with % and _ taken literally", async () => {
    expect(await locals({ search: "LOVE" })).toEqual(["ada"]);
    expect(await locals({ search: `zed-${tag}` })).toEqual(["zed"]);
    // Not "dee" alone: the random hex tag in every address may contain it.
    expect(await locals({ search: "dee d" })).toEqual(["dee"]);
    expect(await locals({ search: "100%_" })).toEqual(["bob"]);
    expect(await locals({ search: "%" })).toEqual(["bob"]);
    expect(await locals({ search: "_" })).toEqual(["bob"]);
    expect((await list({ search: "nobody-like-this" })).total).toBe(0);
    // An Invited member is found by the address typed, never by the account's name.
    expect(await locals({ search: "Hidden" })).toEqual([]);
    expect(await locals({ search: "zed hid" })).toEqual([]);
  });

  it("sorts by name (no name yet, or hidden while Invited: last A to Z, first Z to A), email and joined date, both ways", async () => {
    expect(await locals({ sort: "name", dir: "asc" })).toEqual(["ada", "bob", "cy", "dee", "zed"]);
    expect(await locals({ sort: "name", dir: "desc" })).toEqual(["zed", "dee", "cy", "bob", "ada"]);
    expect(await locals({ sort: "email", dir: "desc" })).toEqual(["zed", "dee", "cy", "bob", "ada"]);
    expect(await locals({ sort: "joined", dir: "asc" })).toEqual(["ada", "bob", "cy", "dee", "zed"]);
  });

  it("pages, and shows the last page for a page past the end", async () => {
    const second = await list({ size: 2, page: 2 });
    expect(second).toMatchObject({ total: 5, page: 2 });
    expect(second.rows.map((r) => r.email.split("-")[0])).toEqual(["cy", "bob"]);
    // Second-half pages are read from the other end; the rows must come out the same either way.
    for (const sort of ["joined", "name", "email"] as const) {
      for (const dir of ["asc", "desc"] as const) {
        const all = await locals({ sort, dir });
        const paged = [];
        for (const page of [1, 2, 3]) paged.push(...(await locals({ sort, dir, size: 2, page })));
        expect(paged, `${sort} ${dir}`).toEqual(all);
      }
    }
    const beyond = await list({ size: 2, page: 99 });
    expect(beyond.page).toBe(3);
    expect(beyond.rows.map((r) => r.email.split("-")[0])).toEqual(["ada"]);
    const filteredBeyond = await list({ role: "viewer", size: 1, page: 99 });
    expect(filteredBeyond).toMatchObject({ total: 3, page: 3 });
    expect(filteredBeyond.rows.map((r) => r.email.split("-")[0])).toEqual(["cy"]);
    expect(await list({ role: "admin", search: "nobody", page: 4 })).toEqual({ rows: [], total: 0, page: 1 });
  });

  it("never shows another tenant's members, even when told to look for them", async () => {
    // "ada-" and not "ada": the random hex tag every address carries may hold "ada", never a "-".
    const everything = await list({ search: "ada-" });
    expect(everything.rows.map((r) => r.email)).toEqual([emailOf("ada")]);
    const foreign = await withTenant({ tenantId: tenant.id, userId: null }, (tx) => listMembers(claimingTenant(tx, other.id), DEFAULT));
    expect(foreign).toEqual({ rows: [], total: 0, page: 1 });
  });
});

describe("members table URL state", () => {
  it("reads the URL with a whitelist and falls back to the default view", () => {
    expect(parseMembersTableState({})).toEqual({ page: 1, size: 25, sort: "joined", dir: "desc" });
    expect(parseMembersTableState({ sort: "name" })).toMatchObject({ sort: "name", dir: "asc" });
    expect(
      parseMembersTableState({ page: "3", size: "50", sort: "email", dir: "desc", role: "editor", status: "invited", q: "  ann " }),
    ).toEqual({ page: 3, size: 50, sort: "email", dir: "desc", role: "editor", status: "invited", search: "ann" });
    expect(
      parseMembersTableState({ page: "-1", size: "7", sort: "password_hash", dir: "sideways", role: "owner", status: "gone", q: "" }),
    ).toEqual({ page: 1, size: 25, sort: "joined", dir: "desc" });
  });
});
