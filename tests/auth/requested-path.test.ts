// The return path lib/request-stamp.ts passes to pages under /t/: the whole path and query a visitor asked for,
// without the router's `_rsc` cache-buster (a callbackUrl carrying it would land on a raw RSC answer).
import { describe, expect, it } from "vitest";
import { requestedPathOf } from "@/lib/requested-path";

describe("requestedPathOf", () => {
  it("keeps the path and the query as they were sent", () => {
    expect(requestedPathOf(new URL("http://x.test/t/acme/members?sort=email&dir=desc"))).toBe("/t/acme/members?sort=email&dir=desc");
    expect(requestedPathOf(new URL("http://x.test/t/acme/activity?q=a%20b"))).toBe("/t/acme/activity?q=a%20b");
    expect(requestedPathOf(new URL("http://x.test/t/acme"))).toBe("/t/acme");
  });

  it("drops Next's _rsc parameter, and the ? when nothing else is left", () => {
    expect(requestedPathOf(new URL("http://x.test/t/acme/members?sort=email&_rsc=1x2y"))).toBe("/t/acme/members?sort=email");
    expect(requestedPathOf(new URL("http://x.test/t/acme/members?_rsc=1x2y"))).toBe("/t/acme/members");
  });
});
