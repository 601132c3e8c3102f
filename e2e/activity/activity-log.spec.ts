import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { ACTIVITY_E2E } from "../seed/activity";
import { followSignInLink, requestSignInLink, signIn, signOut } from "../support/sign-in";

const logPath = `/t/${ACTIVITY_E2E.tenantA}/activity`;
const table = (page: Page) => page.getByRole("table", { name: "Activity" });
const summaries = (page: Page) => table(page).locator("tbody tr td:nth-child(5)");

/** The export's POST as the page's own script sends it: the browser adds Sec-Fetch-Site and Origin itself. */
function postExport(page: Page, slug: string, fields: Record<string, string>) {
  return page.evaluate(
    async ({ url, fields }) => {
      const response = await fetch(url, { method: "POST", body: new URLSearchParams(fields) });
      return { status: response.status, text: await response.text() };
    },
    { url: `/t/${slug}/activity/export`, fields },
  );
}

/** The Actor filter is a combobox that searches the tenant's members as one types (never a list of all of them). */
const actorFilter = (page: Page) => page.getByRole("combobox", { name: "Actor", exact: true });

async function chooseActor(page: Page, email: string) {
  await actorFilter(page).fill(email);
  await page.getByRole("listbox", { name: "Actor" }).getByRole("option", { name: email, exact: true }).click();
  await expect(actorFilter(page)).toHaveValue(email);
}

async function chooseAction(page: Page, action: string) {
  // The checkbox group sits in a disclosure: open it first.
  await page.locator("details:has(legend:text-is('Action')) > summary").click();
  await page.getByRole("group", { name: "Action" }).getByRole("checkbox", { name: action, exact: true }).check();
}

test("filters by actor, action and UTC dates; the URL keeps them; the export has exactly those rows", async ({ page }) => {
  await signIn(page, ACTIVITY_E2E.viewerA);
  await page.goto(logPath);
  await expect(page.getByRole("heading", { name: "Activity" })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Events per day from/ })).toBeVisible();

  await chooseActor(page, ACTIVITY_E2E.editorA);
  await expect(page).toHaveURL(/actor=[0-9a-f-]{36}/);
  await chooseAction(page, "member.added");
  await expect(page).toHaveURL(/action=member\.added/);
  await expect(summaries(page)).toHaveText(["abe added member three", 'abe added member two, "quoted"', "abe added member one"]);

  await page.getByLabel("From", { exact: true }).fill("2026-01-10");
  await page.getByLabel("To", { exact: true }).fill("2026-01-11");
  await expect(page).toHaveURL(/from=2026-01-10/);
  await expect(page).toHaveURL(/to=2026-01-11/);
  await expect(summaries(page)).toHaveText(['abe added member two, "quoted"', "abe added member one"]);
  await expect(page.getByRole("img", { name: "Events per day from 2026-01-10 to 2026-01-11 (UTC): 2 in total, most on 2026-01-10 (1)." })).toBeVisible();

  // A bookmark: the same URL, loaded afresh, shows the same filters and rows.
  await page.reload();
  // The chosen actor's address comes back with the page (resolved on the server from the id in the URL).
  await expect(actorFilter(page)).toHaveValue(ACTIVITY_E2E.editorA);
  await expect(page.getByLabel("From", { exact: true })).toHaveValue("2026-01-10");
  await expect(summaries(page)).toHaveText(['abe added member two, "quoted"', "abe added member one"]);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^activity-${ACTIVITY_E2E.tenantA}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const rows = parse(fs.readFileSync((await download.path())!, "utf8"), { columns: true }) as Record<string, string>[];
  expect(rows.map((r) => [r.actor_email, r.action, r.summary])).toEqual([
    [ACTIVITY_E2E.editorA, "member.added", 'abe added member two, "quoted"'],
    [ACTIVITY_E2E.editorA, "member.added", "abe added member one"],
  ]);

  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(new RegExp(`${logPath}$`));
  await expect(page.getByLabel("From", { exact: true })).toHaveValue("");
  await expect(actorFilter(page)).toHaveValue("");
  await expect(summaries(page)).toHaveCount(50);
});

test("the Actor filter is a combobox used from the keyboard: type, arrow down, Enter; Anyone clears it", async ({ page }) => {
  await signIn(page, ACTIVITY_E2E.viewerA);
  await page.goto(logPath);
  const actor = actorFilter(page);
  await actor.focus();
  await page.keyboard.type(ACTIVITY_E2E.editorA.slice(0, -2));
  await expect(actor).toHaveAttribute("aria-expanded", "true");
  const option = page.getByRole("option", { name: ACTIVITY_E2E.editorA, exact: true });
  await expect(option).toBeVisible();
  // The first choice is "Anyone"; the member found comes next.
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(option).toHaveAttribute("aria-selected", "true");
  await expect(actor).toHaveAttribute("aria-activedescendant", (await option.getAttribute("id"))!);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/actor=[0-9a-f-]{36}/);
  await expect(actor).toHaveValue(ACTIVITY_E2E.editorA);
  await expect(actor).toHaveAttribute("aria-expanded", "false");
  await expect(summaries(page).first()).toHaveText(/^abe /);

  // Escape closes the list and leaves the filter as it was.
  await actor.focus();
  await page.keyboard.press("ArrowDown");
  await expect(actor).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Escape");
  await expect(actor).toHaveAttribute("aria-expanded", "false");
  await expect(page).toHaveURL(/actor=[0-9a-f-]{36}/);

  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("option", { name: "Anyone" })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${logPath}$`));
  await expect(actor).toHaveValue("");
});

test("pages with Older and Newer through more than one page", async ({ page }) => {
  await signIn(page, ACTIVITY_E2E.viewerA);
  await page.goto(`${logPath}?action=flow.run`);
  await expect(summaries(page)).toHaveCount(50);
  await expect(summaries(page).first()).toHaveText('"Nightly sync" run 70');
  await expect(page.getByRole("button", { name: "Newer", exact: true })).toBeDisabled();

  await page.getByRole("button", { name: "Older", exact: true }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(summaries(page)).toHaveCount(ACTIVITY_E2E.flowRuns - 50);
  await expect(summaries(page).first()).toHaveText('"Nightly sync" run 20');
  await expect(summaries(page).last()).toHaveText('"Nightly sync" run 01');
  await expect(page.getByRole("button", { name: "Older", exact: true })).toBeDisabled();

  await page.getByRole("button", { name: "Newer", exact: true }).click();
  await expect(summaries(page)).toHaveCount(50);
  await expect(summaries(page).first()).toHaveText('"Nightly sync" run 70');

  // A cursor that was tampered with is ignored: the first page, not an error.
  const response = await page.goto(`${logPath}?action=flow.run&cursor=not-a-real-cursor`);
  expect(response?.status()).toBe(200);
  await expect(summaries(page).first()).toHaveText('"Nightly sync" run 70');
});

test("Search finds entries by the beginning of their words, in any case, and says so", async ({ page }) => {
  await signIn(page, ACTIVITY_E2E.viewerA);
  await page.goto(logPath);
  const search = page.getByRole("searchbox", { name: "Search" });
  await expect(search).toHaveAccessibleDescription(/word starting with each word you type/);
  // Three words: "nightly", "run" and "0" (the start of 01 to 09).
  await search.fill("NIGHTLY run 0");
  await expect(page).toHaveURL(/q=NIGHTLY(\+|%20)run(\+|%20)0/);
  await expect(summaries(page)).toHaveText(Array.from({ length: 9 }, (_, i) => `"Nightly sync" run 0${9 - i}`));
});

test("a member of tenant A who puts tenant B's ids in the URL sees nothing of B", async ({ page }) => {
  // B's own admin reads B's actor id from B's page (what an attacker might learn or guess).
  await signIn(page, ACTIVITY_E2E.adminB);
  await page.goto(`/t/${ACTIVITY_E2E.tenantB}/activity`);
  await expect(summaries(page).filter({ hasText: "B secret entry" })).toHaveCount(1);
  await chooseActor(page, ACTIVITY_E2E.adminB);
  await expect(page).toHaveURL(/actor=[0-9a-f-]{36}/);
  const actorB = new URL(page.url()).searchParams.get("actor");
  expect(actorB).toMatch(/^[0-9a-f-]{36}$/);
  await signOut(page);

  await signIn(page, ACTIVITY_E2E.viewerA);
  // A's Actor search does not know B's admin, by address or by id.
  await page.goto(logPath);
  await actorFilter(page).fill(ACTIVITY_E2E.adminB);
  await expect(page.getByRole("status").filter({ hasText: "No member matches." })).toHaveCount(1);
  await expect(page.getByRole("option", { name: ACTIVITY_E2E.adminB })).toHaveCount(0);
  for (const query of [`actor=${actorB}`, "targetType=flow&targetId=b-secret-flow", `actor=${actorB}&from=2026-01-10&to=2026-01-10`]) {
    await page.goto(`${logPath}?${query}`);
    await expect(page.getByText("No activity matches these filters")).toBeVisible();
    await expect(page.getByText("B secret entry")).toHaveCount(0);
  }
  expect((await page.goto(`/t/${ACTIVITY_E2E.tenantB}/activity`))?.status()).toBe(404);
  expect((await postExport(page, ACTIVITY_E2E.tenantB, {})).status).toBe(404);
  const exportA = await postExport(page, ACTIVITY_E2E.tenantA, { actor: actorB! });
  expect(exportA.status).toBe(200);
  expect(exportA.text).not.toContain("B secret entry");
});

test("another site cannot make a member export: its form POST is refused, its link only opens the filtered log", async ({ page, baseURL }) => {
  await signIn(page, ACTIVITY_E2E.viewerA);
  const ownExports = async () => {
    await page.goto(`${logPath}?action=activity.exported`);
    await expect(page.getByRole("heading", { name: "Activity" })).toBeVisible();
    return summaries(page).filter({ hasText: `${ACTIVITY_E2E.viewerA} exported the activity log` }).count();
  };
  const before = await ownExports();

  // 127.0.0.1 is another site than localhost (the app's address here); Playwright serves the page.
  const evil = `http://127.0.0.1:${new URL(baseURL!).port}/prize`;
  const target = `${baseURL}${logPath}/export`;
  await page.route(evil, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<form method="post" action="${target}"><input type="hidden" name="action" value="member.added"><button>Claim prize</button></form>
             <a href="${target}?action=member.added">See prize</a>`,
    }),
  );
  const downloads: unknown[] = [];
  page.on("download", (download) => downloads.push(download));

  await page.goto(evil);
  const [refused] = await Promise.all([page.waitForResponse(target), page.getByRole("button", { name: "Claim prize" }).click()]);
  expect(refused.status()).toBe(403);

  await page.goto(evil);
  await page.getByRole("link", { name: "See prize" }).click();
  await expect(page).toHaveURL(`${baseURL}${logPath}?action=member.added`);
  await expect(summaries(page).filter({ hasText: "abe added member three" })).toHaveCount(1);

  expect(downloads).toEqual([]);
  expect(await ownExports()).toBe(before);
});

test("superadmins read one tenant's log at a time at /admin/activity, each view recorded in that tenant's log first; others get a 404", async ({ page }) => {
  await signIn(page, ACTIVITY_E2E.viewerA);
  expect((await page.goto("/admin/activity"))?.status()).toBe(404);
  await page.context().clearCookies();

  await followSignInLink(page, await requestSignInLink(page, ACTIVITY_E2E.superadmin));
  // A superadmin without tenants of their own lands in the admin console.
  await expect(page).toHaveURL(/\/admin$/);
  // No tenant chosen: the platform log alone, whatever "Log" says; no tenant's entries, whose reading
  // would go unrecorded (the all-tenants view is gone).
  for (const path of ["/admin/activity", "/admin/activity?log=tenant", "/admin/activity?q=secret"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Platform activity" })).toBeVisible();
    await expect(page.getByRole("search", { name: "Filter activity" }).getByText(/Choose a tenant to read its log \(the view is recorded/)).toBeVisible();
    await expect(table(page).getByText("B secret entry")).toHaveCount(0);
    await expect(table(page).getByText("abe added member one")).toHaveCount(0);
  }
  // The Action filter offers the catalog of names the app writes, read from no tenant's log.
  await page.locator("details:has(legend:text-is('Action')) > summary").click();
  await expect(page.getByRole("group", { name: "Action" }).getByRole("checkbox", { name: "superadmin.accessed", exact: true })).toBeVisible();

  // The Tenant filter searches the tenants as one types: the page lists none of them until then.
  const tenantFilter = page.getByRole("combobox", { name: "Tenant", exact: true });
  await expect(page.getByRole("listbox", { name: "Tenant", includeHidden: true }).getByRole("option", { includeHidden: true })).toHaveCount(1);
  await tenantFilter.fill("activity b");
  await page.getByRole("listbox", { name: "Tenant" }).getByRole("option", { name: /^Activity B \(/ }).click();
  await expect(page).toHaveURL(/[?&]tenant=/);
  await expect(tenantFilter).toHaveValue(/^Activity B \(/);
  const tenantB = new URL(page.url()).searchParams.get("tenant");
  // Choosing B with only the platform log shown still depends on B: recorded in B's log.
  await page.goto(`/admin/activity?tenant=${tenantB}&log=platform`);
  await expect(table(page).getByText("B secret entry")).toHaveCount(0);

  await page.goto(`/admin/activity?tenant=${tenantB}`);
  await expect(table(page).getByText("B secret entry")).toBeVisible();
  await expect(table(page).getByText("abe added member one")).toHaveCount(0);
  // The view is written before B's log is read, so it is already the newest entry of what it shows.
  await expect(table(page).locator("tbody tr").first()).toContainText("superadmin.accessed");
  await expect(table(page).locator("tbody tr").first()).toContainText(ACTIVITY_E2E.superadmin);
  // Both views of B are in B's log.
  await page.goto(`/admin/activity?tenant=${tenantB}&log=tenant&action=superadmin.accessed`);
  expect(await table(page).locator("tbody tr").filter({ hasText: ACTIVITY_E2E.superadmin }).count()).toBeGreaterThanOrEqual(3);
});
