// An Admin creates an API key (shown once), calls the API with it, revokes it, and the very next
// call is refused. Members who are not Admins have no API keys page.
import { expect, test } from "@playwright/test";
import { KEYS_PEOPLE, KEYS_TENANT } from "../seed/credentials";
import { signIn } from "../support/sign-in";

test("an Admin creates a key, calls the API with it, revokes it, and the next call gets 401", async ({ page, request }) => {
  await signIn(page, KEYS_PEOPLE.admin);
  await page.goto(`/t/${KEYS_TENANT}`);
  await page.getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();

  await page.getByRole("textbox", { name: "Name" }).fill("Reporting script");
  await page.getByRole("combobox", { name: "Role" }).selectOption({ label: "Editor" });
  await page.getByRole("button", { name: "Create API key" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Created the API key Reporting script" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy" })).toBeVisible();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^tnt_[A-Za-z0-9_-]{43}$/);
  const row = page.getByRole("row", { name: /^Reporting script\b/ });
  await expect(row).toContainText("Editor");
  await expect(row).toContainText("Never used");

  const bearer = { authorization: `Bearer ${key}` };
  const answer = await request.get("/api/v1/tenant", { headers: bearer });
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toMatchObject({ slug: KEYS_TENANT, name: "Key Team" });

  // A write through the REST API: the flows page's own action, logged with the key's name as the actor.
  const flowName = `API flow ${Date.now()}`;
  const created = await request.post("/api/v1/flows", { headers: bearer, data: { name: flowName, steps: ["validate"] } });
  expect(created.status()).toBe(201);
  const log = await request.get("/api/v1/activity?action=flow.created", { headers: bearer });
  expect((await log.json()).entries[0]).toMatchObject({ actorEmail: "Reporting script", summary: `Reporting script created the flow ${flowName} (API key)` });
  // The form's messages, per field, as problem+json.
  const invalid = await request.post("/api/v1/flows", { headers: bearer, data: { name: "", steps: [] } });
  expect(invalid.status()).toBe(422);
  expect(await invalid.json()).toMatchObject({ errors: { name: ["Enter a name for the flow."], steps: ["Choose at least one step."] } });

  // Shown once: after a reload only the name is left, and the use is recorded with its address.
  await page.reload();
  expect(await page.content()).not.toContain(key);
  await expect(row.getByTestId("api-key-last-used")).toContainText(/from (127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);

  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog", { name: "Revoke Reporting script?" }).getByRole("button", { name: "Revoke API key" }).click();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);

  const refused = await request.get("/api/v1/tenant", { headers: bearer });
  expect(refused.status()).toBe(401);
  expect((await request.post("/api/v1/flows", { headers: bearer, data: { name: `${flowName} again`, steps: ["validate"] } })).status()).toBe(401);
  expect(refused.headers()["content-type"]).toBe("application/problem+json");
  expect(await refused.json()).toMatchObject({ status: 401, title: "Unauthorized" });
});

test("the API keys page links to the REST API documentation, rendered from the OpenAPI document", async ({ page, request }) => {
  await signIn(page, KEYS_PEOPLE.admin);
  await page.goto(`/t/${KEYS_TENANT}/api-keys`);
  await page.getByRole("link", { name: "REST API documentation" }).click();
  await expect(page.getByRole("heading", { name: "REST API", level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Flows" })).toContainText("POST /api/v1/flows");
  const document = await request.get("/api/v1/openapi.json");
  expect(document.status()).toBe(200);
  expect(await document.json()).toMatchObject({ openapi: "3.1.0" });
});

test("an Editor has no API keys link, and the page answers 404", async ({ page }) => {
  await signIn(page, KEYS_PEOPLE.editor);
  await page.goto(`/t/${KEYS_TENANT}`);
  await expect(page.getByRole("link", { name: "Credentials" })).toBeVisible();
  await expect(page.getByRole("link", { name: "API keys" })).toHaveCount(0);
  const response = await page.goto(`/t/${KEYS_TENANT}/api-keys`);
  expect(response?.status()).toBe(404);
});
