// Attack: paths whose %-escapes are not UTF-8 (/t/%, /t/%ff%fe, the overlong /t/acme/flows/%C0%AF).
// Next.js failed to decode them into the page's params and answered 500; the production server's
// listener (lib/request-screen.ts) now answers 404 before Next.js sees them.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequestListener } from "@/lib/request-listener";
import { parseTrustedProxies } from "@/lib/trusted-proxies";
import { isUndecodablePath } from "@/lib/undecodable-path";

let server: http.Server;
const handed: string[] = [];

beforeAll(async () => {
  // Stands in for Next.js: notes what reached it.
  server = http.createServer(
    createRequestListener(async (request, response) => {
      handed.push(request.url!);
      response.end("page");
    }, parseTrustedProxies(undefined)),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** The status for a request line's path exactly as written (fetch would normalise it). */
function statusOf(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get({ host: "127.0.0.1", port: (server.address() as AddressInfo).port, path }, (response) => {
      response.resume();
      resolve(response.statusCode!);
    }).on("error", reject);
  });
}

describe("undecodable paths", () => {
  it("answers 404 for paths whose escapes do not decode, without handing them to Next.js", async () => {
    // The dynamic routes /t/[slug]/… and /api/auth/[...nextauth] included.
    for (const path of ["/t/%", "/t/%ff%fe", "/t/acme/flows/%C0%AF", "/t/acme/%E0%A4%A", "/t/acme/members%", "/api/auth/%C0%AF", "/api/auth/%ff/x"]) {
      expect(await statusOf(path), path).toBe(404);
      expect(isUndecodablePath(path)).toBe(true);
    }
    expect(handed).toEqual([]);
  });

  it("passes well-formed paths on, escapes included", async () => {
    for (const path of ["/t/acme", "/t/acme/flows/%E2%9C%93", "/t/%25", "/t/acme/activity"]) {
      expect(await statusOf(path), path).toBe(200);
      expect(isUndecodablePath(path)).toBe(false);
    }
    expect(handed).toEqual(["/t/acme", "/t/acme/flows/%E2%9C%93", "/t/%25", "/t/acme/activity"]);
  });
});
