// Attack: a signed-out visitor or a member compares /admin/… with an unknown path to learn that a
// superadmin console exists (issue 18, item 3). Page loads, RSC and prefetch requests must answer
// the same status, title, body and headers as /no-such-page (nonces and dates aside).
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { signIn } from "../support/sign-in";

const RSC = { rsc: "1" };
const PREFETCH = { rsc: "1", "next-router-prefetch": "1" };
const REQUEST_KINDS = { page: {}, rsc: RSC, prefetch: PREFETCH } as const;
// Headers that differ between any two answers of the same page.
const PER_ANSWER_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);

interface Answer {
  status: number;
  title: string | null;
  body: string;
  headers: Record<string, string>;
}

/** What a response reveals, with per-answer values (CSP nonces, dates) and the path itself blanked. */
async function answerOf(response: APIResponse, path: string): Promise<Answer> {
  const strip = (text: string) => text.replaceAll(path, "<path>").replace(/nonce-[A-Za-z0-9+/=_-]+/g, "nonce").replace(/nonce="[^"]*"/g, 'nonce=""');
  const body = strip(await response.text());
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers())) {
    if (!PER_ANSWER_HEADERS.has(name)) headers[name] = strip(value);
  }
  return { status: response.status(), title: /<title>([^<]*)<\/title>/.exec(body)?.[1] ?? null, body, headers };
}

async function expectIndistinguishable(request: APIRequestContext, adminPath: string, unknownPath: string) {
  for (const [kind, headers] of Object.entries(REQUEST_KINDS)) {
    const get = (path: string) => request.get(path, { headers, maxRedirects: 0 });
    const admin = await answerOf(await get(adminPath), adminPath);
    const unknown = await answerOf(await get(unknownPath), unknownPath);
    expect(admin.status, `${kind} ${adminPath}`).toBe(404);
    expect(admin.title, `${kind} ${adminPath}`).toBe(unknown.title);
    expect(admin.headers, `${kind} ${adminPath}`).toEqual(unknown.headers);
    expect(admin.body, `${kind} ${adminPath}`).toBe(unknown.body);
  }
}

const PROBES: [string, string][] = [
  ["/admin", "/nosuch"],
  ["/admin/users", "/nosuch/users"],
  ["/admin/activity?log=platform", "/nosuch/activity?log=platform"],
];

test("signed out, /admin/… answers exactly like an unknown path", async ({ request }) => {
  for (const [adminPath, unknownPath] of PROBES) await expectIndistinguishable(request, adminPath, unknownPath);
  // The trailing-slash redirect too.
  const admin = await request.get("/admin/users/", { maxRedirects: 0 });
  const unknown = await request.get("/nosuch/users/", { maxRedirects: 0 });
  expect(admin.status()).toBe(unknown.status());
  expect(admin.headers()["location"]?.replace("/admin", "/nosuch")).toBe(unknown.headers()["location"]);
});

test("for a member, /admin/… answers exactly like an unknown path; a superadmin gets the console", async ({ page, browser }) => {
  await signIn(page, "bob@acme.test");
  for (const [adminPath, unknownPath] of PROBES) await expectIndistinguishable(page.request, adminPath, unknownPath);
  const shown = await page.goto("/admin");
  expect(shown?.status()).toBe(404);
  await expect(page).toHaveTitle("Tenantry");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

  const rootContext = await browser.newContext();
  const root = await rootContext.newPage();
  await signIn(root, "root@admin.e2e.test");
  const console = await root.goto("/admin");
  expect(console?.status()).toBe(200);
  await expect(root.getByRole("heading", { name: "Tenants" })).toBeVisible();
  await rootContext.close();
});
