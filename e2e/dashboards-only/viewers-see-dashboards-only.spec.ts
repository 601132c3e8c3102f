import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../support/sign-in";
import { DASHBOARDS_ONLY_PEOPLE, DASHBOARDS_ONLY_TENANT } from "../seed/dashboards-only";

const HIDDEN_LINKS = ["Flows", "Tables", "Connections", "Credentials"];

async function switchDashboardsOnly(admin: Page, on: boolean) {
  await admin.goto(`/t/${DASHBOARDS_ONLY_TENANT}/settings`);
  const section = admin.getByRole("region", { name: "Client access" });
  const toggle = section.getByRole("switch", { name: "Viewers see dashboards only" });
  await expect(toggle).toHaveAttribute("aria-checked", String(!on));
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", String(on));
  // Saved: it stays so after a reload.
  await admin.reload();
  await expect(admin.getByRole("switch", { name: "Viewers see dashboards only" })).toHaveAttribute("aria-checked", String(on));
}

test("an Admin switches Viewers to dashboards only: the client loses Flows, Tables, Connections and Credentials until it is off again", async ({ page, browser }) => {
  // Two people, two sign-ins and a dozen page loads on a shared machine.
  test.slow();
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, DASHBOARDS_ONLY_PEOPLE.admin);
  await signIn(page, DASHBOARDS_ONLY_PEOPLE.client);
  const nav = page.getByRole("navigation", { name: "Tenant" });

  // Before: the Viewer sees every page a Viewer may, and the flow.
  await page.goto(`/t/${DASHBOARDS_ONLY_TENANT}`);
  for (const name of HIDDEN_LINKS) await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
  await page.goto(`/t/${DASHBOARDS_ONLY_TENANT}/flows`);
  await expect(page.getByText("Internal billing sync")).toBeVisible();

  await switchDashboardsOnly(admin, true);

  // On: the links are gone, and each page is not found (as for a stranger: nothing says it exists).
  await page.goto(`/t/${DASHBOARDS_ONLY_TENANT}`);
  await expect(nav.getByRole("link", { name: "Members", exact: true })).toBeVisible();
  for (const name of HIDDEN_LINKS) await expect(nav.getByRole("link", { name, exact: true })).toHaveCount(0);
  for (const path of ["flows", "tables", "connections", "credentials"]) {
    const response = await page.goto(`/t/${DASHBOARDS_ONLY_TENANT}/${path}`);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByText("Internal billing sync")).toHaveCount(0);
  }
  // The Admin still sees everything.
  await admin.goto(`/t/${DASHBOARDS_ONLY_TENANT}/flows`);
  await expect(admin.getByText("Internal billing sync")).toBeVisible();

  await switchDashboardsOnly(admin, false);

  // Off: everything is back on the Viewer's next request.
  await page.goto(`/t/${DASHBOARDS_ONLY_TENANT}`);
  for (const name of HIDDEN_LINKS) await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
  const response = await page.goto(`/t/${DASHBOARDS_ONLY_TENANT}/flows`);
  expect(response?.status()).toBe(200);
  await expect(page.getByText("Internal billing sync")).toBeVisible();
  await adminContext.close();
});
