// Issue 10, item 1 (takeover): a sign-in request whose Host / X-Forwarded-Host names another site must
// still mail a link to this site's configured origin. Before the fix, the login form's request with
// `X-Forwarded-Host: attacker.example` mailed the victim a live token on attacker.example.
// AUTH_URL is unset here (as it was in the attack), so the configured origin is the local default.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { addMember, createTenant, createUser } from "../support/fixtures";
import { MailWatch, type QueuedMailRow } from "../support/outbox";

// The request as the attacker sends it; the cookie jar takes what Auth.js sets.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("@/lib/client-ip", () => ({ clientIp: async () => "198.51.100.10" }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {} }),
}));

const { requestMagicLink } = await import("@/app/login/actions");
const { appOrigin } = await import("@/lib/app-url");
const { handlers } = await import("@/lib/auth");

const CONFIGURED_ORIGIN = "http://localhost:3000";
const POISONED = {
  host: "attacker.example",
  "x-forwarded-host": "attacker.example",
  "x-forwarded-proto": "https",
};

let email: string;

beforeAll(async () => {
  const user = await createUser("host-victim");
  const tenant = await createTenant("host");
  await addMember(tenant.id, user.id, ["admin"]);
  email = user.email;
});

const mailbox = new MailWatch();

beforeEach(async () => {
  await mailbox.reset(email);
  request.headers = new Headers(POISONED);
});

function signInForm(callbackUrl: string) {
  const form = new FormData();
  form.set("email", email);
  form.set("callbackUrl", callbackUrl);
  return form;
}

/** Submits the login page's form; it answers by redirecting to the check-email page. */
async function submitLoginForm(callbackUrl = "/t/host") {
  await expect(requestMagicLink({ email: "" }, signInForm(callbackUrl))).rejects.toMatchObject({
    digest: expect.stringContaining("/login/check-email"),
  });
}

/** The one mail this test queued, to the victim. */
async function mail(): Promise<QueuedMailRow> {
  const queued = await mailbox.to(email);
  expect(queued).toHaveLength(1);
  return queued[0]!;
}

async function mailedLink(): Promise<URL> {
  return new URL((await mail()).text.match(/https?:\/\/\S+\/login\/verify\?\S+/)![0]);
}

describe("magic-link host poisoning", () => {
  it("mails the link on the configured origin whatever Host and X-Forwarded-Host say", async () => {
    await submitLoginForm();
    const link = await mailedLink();
    expect(link.origin).toBe(CONFIGURED_ORIGIN);
    expect(link.pathname).toBe("/login/verify");
    expect((await mail()).text).not.toContain("attacker.example");
    expect((await mail()).html).not.toContain("attacker.example");
    // The link carries only the token, the address and the path to return to, on this site.
    expect([...link.searchParams.keys()].sort()).toEqual(["callbackUrl", "email", "token"]);
    expect(link.searchParams.get("token")).toMatch(/^[0-9a-f]{64}$/);
    expect(link.searchParams.get("email")).toBe(email);
    expect(link.searchParams.get("callbackUrl")).toBe("/t/host");
  });

  it("drops a return address on another site", async () => {
    await submitLoginForm("https://attacker.example/t/host");
    expect((await mailedLink()).searchParams.get("callbackUrl")).toBe("/");
  });

  it("builds other mailed links (welcome, role change, set password) on the configured origin too", async () => {
    expect(await appOrigin()).toBe(CONFIGURED_ORIGIN);
  });

  it("keeps Auth.js's redirect after sign-in on this site when the request names another host", async () => {
    await submitLoginForm();
    const token = (await mailedLink()).searchParams.get("token")!;
    // Auth.js's callback reached with a forged host and a return address on that host.
    const url = new URL("https://attacker.example/api/auth/callback/nodemailer");
    url.search = new URLSearchParams({ token, email, callbackUrl: "https://attacker.example/t/host" }).toString();
    const response = await handlers.GET(new NextRequest(url, { headers: POISONED }));
    expect(response.headers.getSetCookie().some((c) => c.includes("session-token="))).toBe(true);
    expect(response.headers.get("location")).toBe(`${CONFIGURED_ORIGIN}/`);
  });
});

