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
