// A visiting superadmin's page view is skipped only for what Next.js renders no page for: a server
// action's POST (it writes its own entry) and a router prefetch. Next's headers alone, sent on a
// plain GET, still render the page, so they must not hide the view.
import { describe, expect, it } from "vitest";
import { requestKind } from "@/lib/viewed-path";

/** Which headers the request carries, as lib/request-stamp.ts asks. */
const headers = (names: string[]) => (name: string) => names.includes(name);

describe("requestKind", () => {
  it("is a view for a plain page load", () => {
    expect(requestKind("GET", headers([]))).toBe("view");
  });

  it("is an action only for a POST that carries Next-Action", () => {
    expect(requestKind("POST", headers(["next-action"]))).toBe("action");
    expect(requestKind("GET", headers(["next-action"]))).toBe("view");
  });

  it("is a prefetch only for an RSC request that carries Next-Router-Prefetch", () => {
    expect(requestKind("GET", headers(["rsc", "next-router-prefetch"]))).toBe("prefetch");
    expect(requestKind("GET", headers(["next-router-prefetch"]))).toBe("view");
  });
});
