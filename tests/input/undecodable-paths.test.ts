// Attack: paths whose %-escapes are not UTF-8 (/t/%, /t/%ff%fe, the overlong /t/acme/flows/%C0%AF).
// Next.js failed to decode them into the page's params and answered 500; proxy.ts now answers 404.
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { config, proxy } from "@/proxy";
import { isUndecodablePath } from "@/lib/undecodable-path";

describe("undecodable paths", () => {
  it("answers 404 from the proxy for paths whose escapes do not decode", async () => {
    // The proxy runs on every path but Next's static files: the dynamic routes /t/[slug]/… and
    // /api/auth/[...nextauth] included.
    expect(config.matcher).toBe("/((?!_next/static|_next/image).*)");
    for (const path of ["/t/%", "/t/%ff%fe", "/t/acme/flows/%C0%AF", "/t/acme/%E0%A4%A", "/t/acme/members%", "/api/auth/%C0%AF", "/api/auth/%ff/x"]) {
      const response = await proxy(new NextRequest(`http://tenantry.test${path}`));
      expect(response.status, path).toBe(404);
    }
  });

  it("passes well-formed paths on, escapes included", async () => {
    for (const path of ["/t/acme", "/t/acme/flows/%E2%9C%93", "/t/%25", "/t/acme/activity"]) {
      expect((await proxy(new NextRequest(`http://tenantry.test${path}`))).status, path).toBe(200);
      expect(isUndecodablePath(path)).toBe(false);
    }
  });
});
