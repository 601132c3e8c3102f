// Issue 10, item 4 (sign-in CSRF): another site must not be able to sign a visitor in, not even into
// the attacker's own account (the attacker's token posted to the confirm route from a foreign page),
// and Auth.js's own sign-in and callback URLs answer 404 from outside. Return paths that URL parsing
// cannot take (`\\evil`, broken %-escapes, very long ones) end on "/", never a 500.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { withSystem } from "@/db/scopes";
import { sessions, verificationTokens } from "@/db/schema";
import { addMember, createTenant, createUser } from "../support/fixtures";
import { MailWatch } from "../support/outbox";

vi.mock("@/lib/client-ip", () => ({ clientIp: async () => "198.51.100.20" }));

const { handlers } = await import("@/lib/auth");
const authRoute = await import("@/app/api/auth/[...nextauth]/route");
const { POST: confirm } = await import("@/app/login/verify/confirm/route");

const ORIGIN = "http://localhost:3000"; // the configured origin (AUTH_URL unset in tests)
const OUR_PAGE = { origin: ORIGIN, "sec-fetch-site": "same-origin" };
const FOREIGN_PAGE = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };

let attacker: { id: string; email: string };

beforeAll(async () => {
  attacker = await createUser("csrf-attacker");
  const tenant = await createTenant("csrf");
  await addMember(tenant.id, attacker.id, ["viewer"]);
});

const mail = new MailWatch();

beforeEach(async () => {
  await mail.reset(attacker.email);
});

/** A fresh, valid token for `email`, asked of Auth.js directly (as the attacker can, for their own account). */
async function issueToken(email: string): Promise<string> {
  const csrf = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/csrf`));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  await handlers.POST(
    new NextRequest(`${ORIGIN}/api/auth/signin/nodemailer`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ email, csrfToken, callbackUrl: "/" }),
    }),
  );
  return (await mail.lastSignInLink(email)).searchParams.get("token")!;
}

function postConfirm(fields: Record<string, string>, headers: Record<string, string>) {
  return confirm(
    new NextRequest(`${ORIGIN}/login/verify/confirm`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields),
    }),
  );
}

const sessionsOf = (userId: string) => withSystem((tx) => tx.select().from(sessions).where(eq(sessions.userId, userId)));
const tokensOf = (email: string) =>
  withSystem((tx) => tx.select().from(verificationTokens).where(eq(verificationTokens.identifier, email)));
const setsSessionCookie = (response: Response) => response.headers.getSetCookie().some((c) => c.includes("session-token="));

describe("the confirm route (the magic link's Continue button)", () => {
  it("refuses a POST from another site: nobody is signed in and the token is not spent", async () => {
    await withSystem((tx) => tx.delete(sessions).where(eq(sessions.userId, attacker.id)));
    const token = await issueToken(attacker.email);
    const refused: Record<string, string>[] = [
      FOREIGN_PAGE,
      { origin: "https://evil.example" }, // an older browser without Sec-Fetch-Site
      { origin: "null" }, // a sandboxed frame on another site
      { origin: "null", "sec-fetch-site": "cross-site" },
      { origin: ORIGIN, "sec-fetch-site": "same-site" }, // a sibling subdomain
      { "sec-fetch-site": "none" },
      {},
    ];
    for (const headers of refused) {
      const response = await postConfirm({ token, email: attacker.email, callbackUrl: "/" }, headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(setsSessionCookie(response)).toBe(false);
      expect(response.headers.get("location")).toBeNull();
    }
    expect(await sessionsOf(attacker.id)).toEqual([]);
    expect(await tokensOf(attacker.email)).not.toEqual([]);
  });

  it("signs in from our own page, in-process, landing on this site", async () => {
    const token = await issueToken(attacker.email);
    const response = await postConfirm({ token, email: attacker.email, callbackUrl: "/t/csrf" }, OUR_PAGE);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${ORIGIN}/t/csrf`);
    expect(setsSessionCookie(response)).toBe(true);
    expect(await sessionsOf(attacker.id)).not.toEqual([]);
  });

  it("accepts Origin: null only when the browser says the POST is same-origin (no-referrer pages send null)", async () => {
    const token = await issueToken(attacker.email);
    const response = await postConfirm({ token, email: attacker.email }, { origin: "null", "sec-fetch-site": "same-origin" });
    expect(response.status).toBe(303);
    expect(setsSessionCookie(response)).toBe(true);
  });

  it("signs in from an older browser that sends no Sec-Fetch-Site, when Origin is this site", async () => {
    const token = await issueToken(attacker.email);
    const response = await postConfirm({ token, email: attacker.email, callbackUrl: "/t/csrf" }, { origin: ORIGIN });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${ORIGIN}/t/csrf`);
    expect(setsSessionCookie(response)).toBe(true);
  });

  it("signs in when the browser says same-origin but sends no Origin header at all", async () => {
    const token = await issueToken(attacker.email);
    const response = await postConfirm({ token, email: attacker.email }, { "sec-fetch-site": "same-origin" });
    expect(response.status).toBe(303);
    expect(setsSessionCookie(response)).toBe(true);
  });

  it("refuses a token that is not 64 hex digits or an address that is not one, without asking Auth.js", async () => {
    const token = await issueToken(attacker.email);
    const malformed: Record<string, string>[] = [
      { token: `${token}x`, email: attacker.email },
      { token: token.toUpperCase(), email: attacker.email },
      { token: "", email: attacker.email },
      { token, email: "not an address" },
      { token },
    ];
    for (const fields of malformed) {
      const response = await postConfirm(fields, OUR_PAGE);
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe(`${ORIGIN}/login/error?error=Verification`);
      expect(setsSessionCookie(response)).toBe(false);
    }
    expect(await tokensOf(attacker.email)).not.toEqual([]); // the real token is still unspent
  });

  it("sends malformed or foreign return paths to / instead of failing", async () => {
    for (const callbackUrl of ["\\\\evil", "\\evil", "/t/%E0%A4%A", "%", "https://evil.example/", "//evil.example", `/${"a".repeat(5000)}`]) {
      const token = await issueToken(attacker.email);
      const response = await postConfirm({ token, email: attacker.email, callbackUrl }, OUR_PAGE);
      expect(response.status, callbackUrl.slice(0, 40)).toBe(303);
      expect(response.headers.get("location")).toBe(`${ORIGIN}/`);
      expect(setsSessionCookie(response)).toBe(true);
    }
  });
});

describe("Auth.js's own endpoints from outside", () => {
  const get = (path: string) => authRoute.GET(new NextRequest(`${ORIGIN}/api/auth/${path}`));
  const post = (path: string, body = new URLSearchParams()) =>
    authRoute.POST(new NextRequest(`${ORIGIN}/api/auth/${path}`, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } }));

  it("answers 404 for the callback that spends a token, so a foreign link cannot sign anyone in", async () => {
    const token = await issueToken(attacker.email);
    const query = new URLSearchParams({ token, email: attacker.email, callbackUrl: "/" });
    const response = await get(`callback/nodemailer?${query}`);
    expect(response.status).toBe(404);
    expect(setsSessionCookie(response)).toBe(false);
    expect(await tokensOf(attacker.email)).not.toEqual([]);
  });

  it("answers 404 for sign-in, providers and every other Auth.js page", async () => {
    for (const path of ["signin", "signin/nodemailer", "providers", "error", "verify-request", "signout", "callback/nodemailer?callbackUrl=%5C%5Cevil"]) {
      expect((await get(path)).status, `GET ${path}`).toBe(404);
    }
    for (const path of ["signin/nodemailer", "callback/nodemailer", "csrf", "providers"]) {
      expect((await post(path, new URLSearchParams({ email: attacker.email }))).status, `POST ${path}`).toBe(404);
    }
    expect(await mail.to(attacker.email)).toEqual([]);
  });

  it("still serves the session and CSRF token to the browser", async () => {
    expect((await get("session")).status).toBe(200);
    const csrf = await get("csrf");
    expect(csrf.status).toBe(200);
    expect(await csrf.json()).toHaveProperty("csrfToken");
  });

  it("signs out with a malformed return path without a 500, landing on this site", async () => {
    const csrf = await get("csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    for (const callbackUrl of ["\\\\evil", "/t/%E0%A4%A", "https://evil.example/"]) {
      const response = await authRoute.POST(
        new NextRequest(`${ORIGIN}/api/auth/signout`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", cookie },
          body: new URLSearchParams({ csrfToken, callbackUrl }),
        }),
      );
      expect(response.status, callbackUrl).toBe(302);
      expect(response.headers.get("location")).toBe(`${ORIGIN}/`);
    }
  });
});
