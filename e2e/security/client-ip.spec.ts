// Attack: the browser sends its own X-Forwarded-For and X-Real-IP on every request. The production
// server (server.ts, TRUSTED_PROXIES unset) takes the client address from the connection, so the
// sign-in entry in the activity log shows where the request really came from, not the forged one.
import { expect, test } from "@playwright/test";
import { signIn } from "../support/sign-in";

const FORGED = "203.0.113.66";
test.use({ extraHTTPHeaders: { "x-forwarded-for": `198.51.100.1, ${FORGED}`, "x-real-ip": FORGED } });

test("a forged X-Forwarded-For is not what the activity log records", async ({ page }) => {
  await signIn(page, "ivan@initech.test");
  await page.goto("/t/initech/activity");
  const entry = page.getByRole("table", { name: "Activity" }).locator("tbody tr", { hasText: "ivan@initech.test signed in" }).first();
  await expect(entry).toBeVisible();
  // The e2e browser connects over loopback.
  await expect(entry).toContainText(/127\.0\.0\.1|::1/);
  await expect(entry).not.toContainText(FORGED);
  await expect(entry).not.toContainText("198.51.100.1");
});
