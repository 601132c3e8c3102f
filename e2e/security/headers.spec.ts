// Defence in depth on the production server: the Content-Security-Policy lets only this response's
// nonce-carrying scripts run, so an injected inline handler does nothing, while the app itself (its
// scripts, styles and zod in the browser) works without a single CSP violation.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../support/sign-in";

/** Collects the browser's CSP violations and page errors while the test runs. */
function watchViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) seen.push(message.text());
  });
  page.on("pageerror", (error) => seen.push(error.message));
  return seen;
}

test("pages carry a nonce-based CSP without unsafe-inline for scripts, a new nonce each time", async ({ page }) => {
  const first = await page.goto("/login");
  const csp = (await first!.allHeaders())["content-security-policy"]!;
  const scripts = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src "))!;
  expect(scripts).toMatch(/'nonce-[^']+'/);
  expect(scripts).toContain("'strict-dynamic'");
  expect(scripts).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(csp).toContain("frame-ancestors 'none'");
  const headers = await first!.allHeaders();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["strict-transport-security"]).toBeUndefined();

  // Next.js put this response's nonce on its own scripts (the nonce property survives nonce hiding).
  const nonce = /'nonce-([^']+)'/.exec(scripts)![1];
  const scriptNonces = await page.locator("script").evaluateAll((elements) => elements.map((e) => (e as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));

  const second = await page.goto("/login");
  expect((await second!.allHeaders())["content-security-policy"]).not.toBe(csp);
});

test("an injected inline event handler does not run", async ({ page }) => {
  const violations = watchViolations(page);
  await page.goto("/login");
  await page.evaluate(() => {
    document.body.insertAdjacentHTML("beforeend", `<img src="/no-such-image.png" onerror="window.__injected = true">`);
  });
  await expect.poll(() => violations.some((v) => /inline event handler|script-src/i.test(v))).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
});

test("sign-in and tenant pages work under the CSP with no violation", async ({ page }) => {
  const violations = watchViolations(page);
  await signIn(page, "alice@acme.test");
  await page.getByRole("link", { name: "Members" }).first().click();
  await expect(page).toHaveURL(/\/t\/acme\/members/);
  await expect(page.getByRole("table")).toBeVisible();
  await page.goto("/tenants/new");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(violations).toEqual([]);
});

test("token pages send no Referer; static files are nosniff too", async ({ page, request }) => {
  const verify = await request.get("/login/verify?token=0&email=nobody%40example.test", { maxRedirects: 0 });
  expect(verify.headers()["referrer-policy"]).toBe("no-referrer");
  const setPassword = await request.get("/set-password?token=0", { maxRedirects: 0 });
  expect(setPassword.headers()["referrer-policy"]).toBe("no-referrer");

  await page.goto("/login");
  const chunk = await page.locator("script[src^='/_next/static/']").first().getAttribute("src");
  const staticFile = await request.get(chunk!);
  expect(staticFile.status()).toBe(200);
  expect(staticFile.headers()["x-content-type-options"]).toBe("nosniff");
});
