// Every page, as each kind of user sees it, passes an axe-core scan with no serious or critical
// violation (issue 18, item 4). One test per kind of user keeps the sign-ins (and the run) short.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../support/sign-in";

// Several pages per test on a shared CI machine.
test.describe.configure({ timeout: 120_000 });

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** The serious and critical axe violations on the page as it is now, readable in a failure. */
async function blockingViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

async function expectAccessible(page: Page, path: string) {
  // The server-rendered page is what axe checks; client code only adds behaviour to it.
  await page.goto(path);
  expect(await blockingViolations(page), `axe on ${path}`).toEqual([]);
}

/** Each page in turn. */
async function scanAll(page: Page, paths: string[]) {
  for (const path of paths) await expectAccessible(page, path);
}

/** The first flow's page in a tenant (its id is not known in advance). */
async function firstFlowPath(page: Page, slug: string): Promise<string> {
  await page.goto(`/t/${slug}/flows`);
  const href = await page.locator(`a[href^="/t/${slug}/flows/"]`).first().getAttribute("href");
  expect(href).toBeTruthy();
  return href!;
}

test("the scan itself sees what it must refuse (a control without a name, an image without alt text)", async ({ page }) => {
  await page.goto("/login");
  // React's hydration may replace <main>'s content after the page loads, dropping what was put in
  // before it: put the faulty controls in (again) until a scan runs with them there.
  await expect(async () => {
    await page.evaluate(() => {
      if (!document.getElementById("axe-probe")) {
        document.querySelector("main")?.insertAdjacentHTML("beforeend", '<div id="axe-probe"><button type="button"></button><img src="/favicon.ico"></div>');
      }
    });
    const found = (await blockingViolations(page)).join("\n");
    expect(found).toContain("button-name (critical)");
    expect(found).toContain("image-alt (critical)");
  }).toPass({ timeout: 30_000 });
});

test("signed out: sign-in pages and the 404", async ({ page }) => {
  await scanAll(page, [
    "/login",
    "/login?method=password",
    "/login/acme",
    "/login/settings-locked",
    "/login/check-email",
    "/login/error?error=Verification",
    "/login/verify?token=x&email=someone%40example.test",
    "/set-password?token=x",
    "/no-such-page",
  ]);
});

test("a Viewer: every tenant page", async ({ page }) => {
  await signIn(page, "carol@acme.test");
  await scanAll(page, ["/t/acme", "/t/acme/members", "/t/acme/flows", await firstFlowPath(page, "acme"), "/t/acme/credentials", "/t/acme/activity", "/t/acme/tables", "/t/acme/settings", "/profile"]);
});

test("an Admin: every tenant page with its controls, the switcher menu and a confirm dialog", async ({ page }) => {
  await signIn(page, "alice@acme.test");
  await scanAll(page, ["/t/acme", "/t/acme/members", "/t/acme/flows", await firstFlowPath(page, "acme"), "/t/acme/credentials", "/t/acme/activity", "/t/acme/settings"]);
  await page.goto("/t/acme/members");
  await page.getByRole("button", { name: "Switch tenant" }).click();
  await expect(page.getByRole("menu")).toBeVisible();
  expect(await blockingViolations(page), "the open switcher").toEqual([]);
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Remove" }).first().click();
  await expect(page.getByRole("dialog")).toBeVisible();
  expect(await blockingViolations(page), "the remove dialog").toEqual([]);
});

test("an Admin: API keys, usage, tables, dashboards, new tenant, profile and the REST API documentation", async ({ page }) => {
  await signIn(page, "alice@acme.test");
  await scanAll(page, ["/t/acme/access", "/t/acme/api-keys", "/t/acme/usage", "/t/acme/tables", "/t/acme/dashboards", "/tenants/new", "/profile", "/api-docs"]);
});

test("a superadmin: the platform console and their own tenant", async ({ page }) => {
  // Seven pages and a navigation: more than the file's default on a shared machine.
  test.setTimeout(240_000);
  // Not a tenant they would visit: each visit is written to that tenant's log, which other specs read.
  await signIn(page, "root@admin.e2e.test");
  await scanAll(page, ["/admin", "/admin/users", "/admin/activity", "/admin/integrations", "/t/admin-home", "/t/admin-home/members"]);
  // Their own access across tenants (it enters only the tenants they belong to, admin-home).
  await page.goto("/admin/users?q=root%40admin.e2e.test");
  await page.getByRole("link", { name: "Access of root@admin.e2e.test" }).click();
  await expect(page.getByRole("heading", { name: "Access of root@admin.e2e.test" })).toBeVisible();
  expect(await blockingViolations(page), "a user's access across tenants").toEqual([]);
});
