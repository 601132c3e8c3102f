// Every table's URL state is one definition, read by the server page and written by the browser's
// controls: what a control writes must read back as the same state, a malformed or forged value
// must fall back to the default view, and keys the table does not know must not survive.
import { describe, expect, it } from "vitest";
import { activityUrlState } from "@/lib/url-state/activity";
import { adminTenantsUrlState } from "@/lib/url-state/admin-tenants";
import { adminUsersUrlState } from "@/lib/url-state/admin-users";
import { flowsUrlState } from "@/lib/url-state/flows";
import { membersUrlState } from "@/lib/url-state/members";
import { URL_STATES } from "@/lib/url-state/tables";

const roundTrip = <State extends Record<string, unknown>>(definition: { parse(p: URLSearchParams): State; serialise(s: Partial<State>): URLSearchParams }, state: State) =>
  definition.parse(new URLSearchParams(definition.serialise(state).toString()));

describe("table URL states", () => {
  it("a table's chosen state survives serialise → parse", () => {
    const members = { page: 3, size: 50, sort: "email", dir: "desc", role: "editor", status: "invited", q: "ann" } as const;
    expect(roundTrip(membersUrlState, members)).toEqual(members);
    const flows = { page: 2, size: 100, sort: "updatedAt", dir: "desc", q: "nightly" } as const;
    expect(roundTrip(flowsUrlState, flows)).toEqual(flows);
    const tenants = { page: 4, size: 25, sort: "memberCount", dir: "desc", q: "zygo", status: "archived" } as const;
    expect(roundTrip(adminTenantsUrlState, tenants)).toEqual(tenants);
    const users = { page: 1, size: 50, sort: "tenantLimit", dir: "desc", q: "a@b.example" } as const;
    expect(roundTrip(adminUsersUrlState, users)).toEqual(users);
    const activity = {
      actor: "0b9a6f7e-3c1d-4e2f-8a9b-1c2d3e4f5a6b",
      action: ["member.added", "flow.run"],
      targetType: "flow",
      targetId: "f-1",
      from: "2026-01-01",
      to: "2026-02-28",
      q: "nightly run",
      size: 25,
      cursor: "abc",
      tenant: "1b9a6f7e-3c1d-4e2f-8a9b-1c2d3e4f5a6b",
      log: "tenant",
    } as const;
    expect(roundTrip(activityUrlState, { ...activity, action: [...activity.action] })).toEqual({ ...activity, action: [...activity.action] });
  });

  it("every state of every table survives the round trip, with defaults left out of the URL", () => {
    for (const definition of Object.values(URL_STATES)) {
      const defaults = definition.parse({});
      expect(definition.serialise(defaults as never).toString()).toBe("");
      expect(roundTrip(definition as never, defaults as never)).toEqual(defaults);
    }
  });

  it("the members table's direction follows its column: newest first, a chosen column A to Z", () => {
    expect(membersUrlState.parse({})).toMatchObject({ sort: "joined", dir: "desc" });
    expect(membersUrlState.parse({ sort: "name" })).toMatchObject({ sort: "name", dir: "asc" });
    // Each direction of each column is written so that it reads back, even where it is a default.
    for (const sort of ["joined", "name", "email"] as const) {
      for (const dir of ["asc", "desc"] as const) {
        expect(roundTrip(membersUrlState, { ...membersUrlState.parse({}), sort, dir })).toMatchObject({ sort, dir });
      }
    }
    expect(membersUrlState.serialise({ sort: "name", dir: "asc" }).toString()).toBe("sort=name");
    expect(membersUrlState.serialise({ sort: "name", dir: "desc" }).toString()).toBe("sort=name&dir=desc");
  });

  it("malformed or forged values fall back to the defaults", () => {
    expect(
      membersUrlState.parse({ page: "0", size: "7", sort: "password_hash", dir: "sideways", role: "owner", status: "gone", q: "   " }),
    ).toEqual(membersUrlState.parse({}));
    expect(flowsUrlState.parse({ page: "1.5", size: "1e9", sort: "steps; drop table flows", q: "x".repeat(201) })).toEqual(flowsUrlState.parse({}));
    expect(adminTenantsUrlState.parse({ page: "1000001", sort: "__proto__" })).toEqual(adminTenantsUrlState.parse({}));
    expect(adminUsersUrlState.parse({ page: "-3", dir: "ASC" })).toEqual(adminUsersUrlState.parse({}));
    expect(
      activityUrlState.parse({
        actor: "not-a-uuid",
        action: ["Member Added", "x".repeat(65)],
        targetType: "FLOW!",
        from: "2026-02-30",
        to: "0000-01-01",
        size: "33",
        cursor: "c".repeat(301),
        tenant: "12345678-1234-1234-1234-123456789012",
        log: "everything",
      }),
    ).toEqual(activityUrlState.parse({}));
    expect(membersUrlState.parse({ page: "2", q: "find\u0000me\uD800" })).toMatchObject({ page: 2, q: "findme" });
  });

  it("a repeated key counts once for a single value, and a multi-value filter keeps each value once", () => {
    expect(flowsUrlState.parse({ q: ["first", "second"], page: ["5", "6"] })).toMatchObject({ q: "first", page: 5 });
    const search = activityUrlState.parse(new URLSearchParams("action=a.b&action=a.b&action=c.d"));
    expect(search.action).toEqual(["a.b", "c.d"]);
    expect(activityUrlState.parse({ action: Array.from({ length: 30 }, (_, i) => `a${i}`) }).action).toHaveLength(20);
  });

  it("keys a table does not know are dropped on the way through", () => {
    const params = new URLSearchParams("q=ann&utm_source=mail&tenant=x&cursor=y&role=admin");
    expect(membersUrlState.serialise(membersUrlState.parse(params)).toString()).toBe("role=admin&q=ann");
    expect(flowsUrlState.href("/t/zygo/flows", flowsUrlState.parse(new URLSearchParams("q=a&role=admin&page=2")))).toBe("/t/zygo/flows?page=2&q=a");
    expect(flowsUrlState.href("/t/zygo/flows", flowsUrlState.parse({}))).toBe("/t/zygo/flows");
    // A state object carrying a key the table does not define writes nothing for it.
    expect(flowsUrlState.serialise({ q: "a", role: "admin" } as never).toString()).toBe("q=a");
  });
});
