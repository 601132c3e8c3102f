// Attack: a signed-out visitor or a member compares /admin/… with an unknown path to learn that a
// superadmin console exists (issue 18, item 3). Page loads, RSC and prefetch requests (with and
// without the router's `_rsc` parameter) must answer the same status, title, body and headers as
// an unknown path, once what differs between any two answers of the same page is blanked: the CSP
// nonce, the date, the path itself in the page's data and React's per-render keys.
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { signIn } from "../support/sign-in";

const REQUEST_KINDS: Record<string, { headers: Record<string, string>; query: string }> = {
  document: { headers: {}, query: "" },
  rsc: { headers: { rsc: "1" }, query: "" },
  "rsc with _rsc": { headers: { rsc: "1" }, query: "?_rsc=1x2y3" },
  prefetch: { headers: { rsc: "1", "next-router-prefetch": "1" }, query: "" },
  "prefetch with _rsc": { headers: { rsc: "1", "next-router-prefetch": "1" }, query: "?_rsc=1x2y3" },
};
const ADMIN_PATHS = ["/admin", "/admin/users", "/admin/activity", "/admin/does-not-exist"];
const UNKNOWN_PATHS = ["/no-such-page", "/t-no/such"];
// Headers that differ between any two answers of the same page.
const PER_ANSWER_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);

interface Answer {
  status: number;
  title: string | null;
  body: string;
  headers: Record<string, string>;
}

/** What a response reveals, with per-answer values blanked. */
async function answerOf(response: APIResponse): Promise<Answer> {
  const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
  const blank = (text: string) => (nonce ? text.replaceAll(nonce, "<nonce>") : text);
  const body = blank(await response.text())
    // The URL as asked, split into segments ("c" in the router's initial data, escaped or not).
    .replace(/(\\?"c\\?":)\[[^\]]*\]/g, "$1[<path>]")
    // React's keys for the viewport and metadata boundaries, new on every render.
    .replace(/(\\?")[A-Za-z0-9_-]{21}([vm]\\?")/g, "$1<key>$2");
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers())) {
    if (!PER_ANSWER_HEADERS.has(name)) headers[name] = blank(value);
  }
  return { status: response.status(), title: /<title>([^<]*)<\/title>/.exec(body)?.[1] ?? null, body, headers };
}

async function expectIndistinguishable(request: APIRequestContext) {
  for (const [kind, { headers, query }] of Object.entries(REQUEST_KINDS)) {
    const get = async (path: string) => answerOf(await request.get(`${path}${query}`, { headers, maxRedirects: 0 }));
    const unknown = await get(UNKNOWN_PATHS[0]!);
    expect(unknown.status, `${kind} ${UNKNOWN_PATHS[0]}`).toBe(404);
    // The reference is itself stable: two unknown paths answer alike once normalised.
    expect(await get(UNKNOWN_PATHS[1]!), `${kind} ${UNKNOWN_PATHS[1]}`).toEqual(unknown);
    for (const adminPath of ADMIN_PATHS) {
      const admin = await get(adminPath);
      expect(admin.status, `${kind} ${adminPath}`).toBe(unknown.status);
      expect(admin.title, `${kind} ${adminPath}`).toBe(unknown.title);
      expect(admin.headers, `${kind} ${adminPath}`).toEqual(unknown.headers);
      expect(admin.body, `${kind} ${adminPath}`).toBe(unknown.body);
    }
  }
}

test("signed out, /admin/… answers exactly like an unknown path", async ({ request }) => {
  await expectIndistinguishable(request);
  // The trailing-slash redirect and other spellings that route to /admin.
  const admin = await request.get("/admin/users/", { maxRedirects: 0 });
  const unknown = await request.get("/nosuch/users/", { maxRedirects: 0 });
  expect(admin.status()).toBe(unknown.status());
  expect(admin.headers()["location"]?.replace("/admin", "/nosuch")).toBe(unknown.headers()["location"]);
  expect((await answerOf(await request.get("/%61dmin/users"))).title).toBe("Tenantry");
});

test("for a member, /admin/… answers exactly like an unknown path; a page load shows the ordinary 404", async ({ page }) => {
  await signIn(page, "bob@acme.test");
  await expectIndistinguishable(page.request);
  const shown = await page.goto("/admin");
  expect(shown?.status()).toBe(404);
  await expect(page).toHaveTitle("Tenantry");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("a superadmin gets the console: page loads and the router's requests", async ({ page }) => {
  await signIn(page, "root@admin.e2e.test");
  const shown = await page.goto("/admin/users");
  expect(shown?.status()).toBe(200);
  await expect(page).toHaveTitle("Users · Admin · Tenantry");
  await page.getByRole("link", { name: "Tenants", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Tenants" })).toBeVisible();
  await expect(page).toHaveURL(/\/admin$/);
  const rsc = await page.request.get("/admin/activity?_rsc=1x2y3", { headers: { rsc: "1" }, maxRedirects: 0 });
  expect(rsc.status()).not.toBe(404);
});

test("odd cookies and paths on /admin answer like an unknown path, never 500", async ({ request }) => {
  const cookies = [
    "authjs.session-token=%00forged",
    "authjs.session-token=%ff%fe",
    "__Secure-authjs.session-token=%00; authjs.session-token=x",
    `authjs.session-token=${"a".repeat(6000)}`,
    "authjs.session-token=00000000-0000-0000-0000-000000000000",
  ];
  for (const cookie of cookies) {
    for (const [kind, { headers, query }] of Object.entries(REQUEST_KINDS)) {
      const get = async (path: string) => answerOf(await request.get(`${path}${query}`, { headers: { ...headers, cookie }, maxRedirects: 0 }));
      const unknown = await get("/no-such-page");
      const admin = await get("/admin");
      expect(admin.status, `${kind} ${cookie.slice(0, 40)}`).toBe(404);
      expect(admin, `${kind} ${cookie.slice(0, 40)}`).toEqual(unknown);
    }
  }
  const long = "a".repeat(4000);
  const unknown = await request.get(`/no-such-page/${long}`);
  const admin = await request.get(`/admin/${long}`);
  expect(admin.status()).toBe(404);
  expect((await answerOf(admin)).title).toBe((await answerOf(unknown)).title);
});
