// Issue 13, item 5: a superadmin creates an HS256 integration and sees its secret once; a token signed
// with it creates a tenant through the API, which the integration's row then counts; after a reload
// the secret is gone; revoking refuses the next token.
import { expect, test } from "@playwright/test";
import { SignJWT } from "jose";
import { signIn } from "../support/sign-in";

test("a superadmin creates an integration, sees the secret once, and its token creates a tenant", async ({ page, request }) => {
  await signIn(page, "root@admin.e2e.test");
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Integrations" }).click();
  await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();
  const name = `E2E CRM ${Date.now()}`;
  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByRole("combobox", { name: "Default role" }).selectOption("viewer");
  await page.getByRole("button", { name: "Create integration" }).click();
  const status = page.getByRole("status").filter({ hasText: "Created the integration" });
  await expect(status).toContainText("Copy the HS256 secret now: it will not be shown again.");
  const secret = (await page.getByTestId("new-integration-secret").textContent())!;
  const id = /Its id \(the tokens' kid\): ([0-9a-f-]{36})/.exec((await status.textContent())!)![1]!;

  const token = await new SignJWT({ tenant_id: "e2e-ext-1", tenant_name: "Token Tenant", email: "ops@crm.e2e.test" })
    .setProtectedHeader({ alg: "HS256", kid: id })
    .setAudience("tenantry-api")
    .setIssuedAt()
    .setExpirationTime("10m")
    .sign(new TextEncoder().encode(secret));
  const answer = await request.get("/api/v1/tenant", { headers: { authorization: `Bearer ${token}` } });
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toMatchObject({ name: "Token Tenant" });

  await page.reload();
  await expect(page.getByTestId("new-integration-secret")).toHaveCount(0);
  await expect(page.getByText(secret)).toHaveCount(0);
  const row = page.getByRole("row", { name: new RegExp(name) });
  // The row header is the name; the cells: id, algorithm, license, role, tenants, status, created.
  await expect(row.getByRole("cell").nth(4)).toHaveText("1");
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("button", { name: "Revoke integration" }).click();
  await expect(row.getByRole("cell").nth(5)).toContainText("Revoked");
  expect((await request.get("/api/v1/tenant", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
});
