// After sign-in the app returns to a path from the URL: it must never leave the site.
import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/safe-redirect";

describe("safeReturnPath", () => {
  it("keeps same-site paths", () => {
    expect(safeReturnPath("/t/acme/members?role=admin")).toBe("/t/acme/members?role=admin");
    expect(safeReturnPath("/")).toBe("/");
  });

  it("refuses anything a browser could read as another site", () => {
    for (const attack of ["https://evil.test", "//evil.test", "/\\evil.test", "/\t/evil.test", "/\n/evil.test", "/\\\\evil.test", "evil.test", "", null, 42]) {
      expect(safeReturnPath(attack), JSON.stringify(attack)).toBe("/");
    }
  });
});

describe("safeReturnPath on values URL parsing cannot take (issue 10, item 4)", () => {
  it("refuses malformed %-escapes and over-long values instead of passing them on", () => {
    for (const attack of ["\\\\evil", "/t/%E0%A4%A", "/%", "/%zz", "/%C0", `/${"a".repeat(2048)}`]) {
      expect(safeReturnPath(attack), attack.slice(0, 40)).toBe("/");
    }
  });

  it("keeps well-formed escapes and long-enough paths", () => {
    expect(safeReturnPath("/t/acme/activity?q=caf%C3%A9")).toBe("/t/acme/activity?q=caf%C3%A9");
    const long = `/${"a".repeat(2047)}`;
    expect(safeReturnPath(long)).toBe(long);
  });
});
