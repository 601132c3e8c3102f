// Two app servers on the same database through PgBouncer (transaction pooling), as in production
// (README, "Running at scale"): the app servers keep nothing of their own. A session made on one is
// valid on the other, a rate limit counts across both, and a role change or a superadmin grant made
// through one applies on the other's very next request. Both servers run the e2e build; the spec
// starts them (and PgBouncer) itself. Needs PostgreSQL and the pgbouncer binary; skips, saying why,
// on the embedded database or without pgbouncer.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { startAppServer, type AppServer } from "../../scripts/app-server";
import { findPgBouncer, freePort, startPgBouncer, type PgBouncer } from "../../scripts/pgbouncer";
import { SCALE_PASSWORD, SCALE_PEOPLE } from "../seed/scale";
import { submitPasswordSignIn } from "../support/password";

const databaseUrl = process.env.DATABASE_URL ?? "";
const skipReason = databaseUrl.startsWith("pglite:")
  ? "two app servers need PostgreSQL (the embedded database is single-process)"
  : !findPgBouncer()
    ? "pgbouncer is not installed (apt-get install -y pgbouncer)"
    : null;

// One rate limit small enough to reach: the password attempts per account and address.
const ATTEMPTS_PER_ACCOUNT = 3;

test.describe("two app servers behind PgBouncer", () => {
  test.skip(skipReason !== null, skipReason ?? "");
  test.describe.configure({ mode: "serial", timeout: 180_000 });

  let bouncer: PgBouncer;
  let a: AppServer;
  let b: AppServer;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    const url = new URL(databaseUrl);
    // Fewer server connections than the two app servers' pools hold together.
    bouncer = await startPgBouncer({ upstreamHost: url.hostname, upstreamPort: Number(url.port || 5432), users: [url.username], poolSize: 4 });
    const env = {
      ...process.env,
      DATABASE_URL: bouncer.through(databaseUrl),
      DATABASE_POOL_SIZE: "5",
      PASSWORD_LIMIT_PER_ACCOUNT_AND_IP: String(ATTEMPTS_PER_ACCOUNT),
    };
    const [portA, portB] = [await freePort(), await freePort()];
    // Both sign-in links and redirects point at the server that made them.
    a = startAppServer({ port: portA, env: { ...env, AUTH_URL: `http://localhost:${portA}` }, label: "server A" });
    b = startAppServer({ port: portB, env: { ...env, AUTH_URL: `http://localhost:${portB}` }, label: "server B" });
    await Promise.all([a.ready(), b.ready()]);
  });

  test.afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await bouncer?.stop();
  });

  async function signedIn(browser: Browser, server: AppServer, email: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/login?method=password`);
    await submitPasswordSignIn(page, email, SCALE_PASSWORD);
    await expect(page).toHaveURL(/\/t\/[a-z0-9-]+$/);
    return page;
  }

  test("a session made on server A is valid on server B, and signing out on B ends it on A", async ({ browser }) => {
    const page = await signedIn(browser, a, SCALE_PEOPLE.admin);
    // Cookies belong to the host, not the port: the browser sends A's session cookie to B.
    await page.goto(`${b.url}/t/scale-main/members`);
    await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Add member" })).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto(`${a.url}/t/scale-main`);
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  });

  test("password attempts counted on server A are refused on server B once over the limit", async ({ page }) => {
    await page.goto(`${a.url}/login?method=password`);
    for (let attempt = 1; attempt <= ATTEMPTS_PER_ACCOUNT; attempt++) {
      await submitPasswordSignIn(page, SCALE_PEOPLE.limited, `wrong password ${attempt}`);
      await expect(page.getByRole("alert").filter({ hasText: "That email and password do not match an account." })).toBeVisible();
      await page.goto(`${a.url}/login?method=password`);
    }
    // The right password, on the other server: the attempts A counted are in the database.
    await page.goto(`${b.url}/login?method=password`);
    await submitPasswordSignIn(page, SCALE_PEOPLE.limited, SCALE_PASSWORD);
    await expect(page.getByRole("alert").filter({ hasText: "Too many sign-in attempts. Please wait 15 minutes and try again." })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test("a role change saved through A applies on the member's next request to B", async ({ browser }) => {
    const admin = await signedIn(browser, a, SCALE_PEOPLE.admin);
    const member = await signedIn(browser, b, SCALE_PEOPLE.member);
    await member.goto(`${b.url}/t/scale-main/members`);
    await expect(member.getByRole("heading", { name: "Members" })).toBeVisible();
    await expect(member.getByRole("button", { name: "Add member" })).toHaveCount(0);

    await admin.goto(`${a.url}/t/scale-main/members`);
    const row = admin.getByRole("row", { name: new RegExp(SCALE_PEOPLE.member.replace(/\./g, "\\.")) });
    await row.getByRole("checkbox", { name: "Admin" }).setChecked(true);
    await row.getByRole("button", { name: "Save roles" }).click();
    await expect(admin.getByRole("status").filter({ hasText: `${SCALE_PEOPLE.member} is now Viewer, Admin.` })).toBeVisible();

    await member.reload();
    await expect(member.getByRole("button", { name: "Add member" })).toBeVisible();
  });

  test("a superadmin grant made through A shows on B's next request: the console and the banner", async ({ browser }) => {
    const promoted = await signedIn(browser, b, SCALE_PEOPLE.promoted);
    expect((await promoted.goto(`${b.url}/t/scale-elsewhere`))?.status()).toBe(404);

    const root = await signedIn(browser, a, SCALE_PEOPLE.root);
    await root.goto(`${a.url}/admin/users?q=promoted%40scale`);
    const flag = root.getByRole("row", { name: new RegExp(SCALE_PEOPLE.promoted.replace(/\./g, "\\.")) }).getByRole("switch", { name: "Superadmin" });
    await expect(flag).toHaveAttribute("aria-checked", "false");
    await flag.click();
    await expect(flag).toHaveAttribute("aria-checked", "true");
    await expect(flag).toBeEnabled();

    expect((await promoted.goto(`${b.url}/t/scale-elsewhere`))?.status()).toBe(200);
    await expect(promoted.getByRole("region", { name: "Superadmin access" })).toContainText("You are in Scale Elsewhere as a superadmin");
  });
});
