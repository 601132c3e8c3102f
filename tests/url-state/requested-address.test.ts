// A table's filters change the address through the router, which lands a moment later. A second
// change made in that moment must build on the first (From, then To), not on the address as last
// rendered (components/data-table/requested-address.ts; e2e/activity/activity-log.spec.ts drives it).
import { beforeEach, describe, expect, it } from "vitest";
import { forgetRequested, noteRendered, noteRequested, queryToBuildOn } from "@/components/data-table/requested-address";

const PATH = "/t/acme/activity";

describe("the address a table change builds on", () => {
  beforeEach(() => forgetRequested());

  it("is the rendered one when nothing is on its way", () => {
    expect(queryToBuildOn(PATH, "actor=a")).toBe("actor=a");
  });

  it("is the one asked for until the router lands on it", () => {
    noteRequested(PATH, "actor=a&from=2026-01-10");
    // To settles before the router has landed on From: it builds on From.
    expect(queryToBuildOn(PATH, "actor=a")).toBe("actor=a&from=2026-01-10");
    noteRendered(PATH, "actor=a"); // a render of the old address changes nothing
    expect(queryToBuildOn(PATH, "actor=a")).toBe("actor=a&from=2026-01-10");
    noteRendered(PATH, "actor=a&from=2026-01-10");
    expect(queryToBuildOn(PATH, "actor=a&from=2026-01-10&q=x")).toBe("actor=a&from=2026-01-10&q=x");
  });

  it("is forgotten on another page and after Back or Forward", () => {
    noteRequested(PATH, "from=2026-01-10");
    noteRendered("/t/acme/members", "");
    expect(queryToBuildOn(PATH, "")).toBe("");
    noteRequested(PATH, "from=2026-01-10");
    expect(queryToBuildOn("/t/acme/members", "role=admin")).toBe("role=admin");
    forgetRequested();
    expect(queryToBuildOn(PATH, "to=2026-01-11")).toBe("to=2026-01-11");
  });
});
