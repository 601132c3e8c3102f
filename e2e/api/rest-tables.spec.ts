// The REST API for data tables and rows (issue 14), end to end: an Admin makes an API key on the API
// keys page, creates a table and adds rows through /api/v1/tables with it, and sees them on the tables
// page in the browser; another tenant's key (made the same way by the same Admin, who is Admin of both)
// is answered 404 for that table, its rows and its row, and cannot write to it.
import { expect, test, type Page } from "@playwright/test";
import { REST_TABLES_ADMIN, REST_TABLES_OTHER_TENANT, REST_TABLES_TENANT } from "../seed/rest-tables";
import { signIn } from "../support/sign-in";

/** A new API key of the tenant with this role, made on its API keys page (shown once). */
async function createKey(page: Page, slug: string, name: string, role: "Editor" | "Viewer") {
  await page.goto(`/t/${slug}/api-keys`);
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByRole("combobox", { name: "Role" }).selectOption({ label: role });
  await page.getByRole("button", { name: "Create API key" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Created the API key ${name}` })).toBeVisible();
  return { authorization: `Bearer ${(await page.getByTestId("new-api-key").textContent())!.trim()}` };
}

test("a table and rows made through the REST API show on the tables page; another tenant's key gets 404", async ({ page, request }) => {
  // A sign-in by mail, two keys made in the browser, a dozen API calls and two pages: over the default.
  test.setTimeout(180_000);
  await signIn(page, REST_TABLES_ADMIN);
  const bearer = await createKey(page, REST_TABLES_TENANT, "Table sync", "Editor");
  const otherBearer = await createKey(page, REST_TABLES_OTHER_TENANT, "Other tenant sync", "Editor");

  const name = `api-customers-${Date.now()}`;
  const created = await request.post("/api/v1/tables", {
    headers: bearer,
    data: { name, columns: [{ name: "Company", type: "text" }, { name: "Seats", type: "number" }, { name: "Active", type: "boolean" }] },
  });
  expect(created.status()).toBe(201);
  const tableId = ((await created.json()) as { id: string }).id;
  const table = await request.get(`/api/v1/tables/${tableId}`, { headers: bearer });
  expect(table.status()).toBe(200);
  expect(await table.json()).toMatchObject({
    name,
    columns: [
      { name: "Company", type: "text", field: "c0" },
      { name: "Seats", type: "number", field: "c1" },
      { name: "Active", type: "boolean", field: "c2" },
    ],
  });

  for (const row of [{ c0: "Initech", c1: 12, c2: true }, { c0: "Globex", c1: 40, c2: false }]) {
    const added = await request.post(`/api/v1/tables/${tableId}/rows`, { headers: bearer, data: row });
    expect(added.status()).toBe(201);
  }
  // A value its column cannot hold is refused per field, as in the form.
  const invalid = await request.post(`/api/v1/tables/${tableId}/rows`, { headers: bearer, data: { c0: "Hooli", c1: "many" } });
  expect(invalid.status()).toBe(422);
  expect(await invalid.json()).toMatchObject({ errors: { c1: [expect.any(String)] } });

  const rows = await request.get(`/api/v1/tables/${tableId}/rows`, { headers: bearer });
  expect(rows.status()).toBe(200);
  const listed = (await rows.json()) as { total: number; rows: { id: string; values: Record<string, unknown> }[] };
  expect(listed.total).toBe(2);
  expect(listed.rows.map((row) => row.values)).toEqual([
    { Company: "Initech", Seats: 12, Active: true },
    { Company: "Globex", Seats: 40, Active: false },
  ]);
  const rowId = listed.rows[0]!.id;
  expect((await request.get(`/api/v1/tables/${tableId}/rows/${rowId}`, { headers: bearer })).status()).toBe(200);

  // In the browser: the table is on the tables page, its rows in its grid.
  await page.goto(`/t/${REST_TABLES_TENANT}`);
  // Exact: the tenant's own name, "Rest Tables", is a link too.
  await page.getByRole("link", { name: "Tables", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Tables", exact: true, level: 1 })).toBeVisible();
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name, exact: true, level: 1 })).toBeVisible();
  const grid = page.getByRole("table", { name });
  await expect(grid.getByRole("row", { name: /Initech/ })).toContainText("12");
  await expect(grid.getByRole("row", { name: /Globex/ })).toContainText("40");

  // The other tenant's key: that table does not exist for it, read or written, and its list lacks it.
  for (const path of [`/api/v1/tables/${tableId}`, `/api/v1/tables/${tableId}/rows`, `/api/v1/tables/${tableId}/rows/${rowId}`]) {
    const answer = await request.get(path, { headers: otherBearer });
    expect(answer.status(), path).toBe(404);
    expect(answer.headers()["content-type"]).toBe("application/problem+json");
  }
  expect((await request.post(`/api/v1/tables/${tableId}/rows`, { headers: otherBearer, data: { c0: "Planted", c1: 1 } })).status()).toBe(404);
  expect((await request.patch(`/api/v1/tables/${tableId}`, { headers: otherBearer, data: { name: "taken over" } })).status()).toBe(404);
  expect((await request.delete(`/api/v1/tables/${tableId}/rows/${rowId}`, { headers: otherBearer })).status()).toBe(404);
  const otherList = (await (await request.get("/api/v1/tables", { headers: otherBearer })).json()) as { tables: { id: string }[] };
  expect(otherList.tables.map((t) => t.id)).not.toContain(tableId);

  // Nothing of it changed: still two rows under the same name.
  const after = (await (await request.get(`/api/v1/tables/${tableId}/rows`, { headers: bearer })).json()) as { total: number; rows: { values: Record<string, unknown> }[] };
  expect(after.total).toBe(2);
  expect(after.rows.map((row) => row.values.Company)).toEqual(["Initech", "Globex"]);
  expect(await (await request.get(`/api/v1/tables/${tableId}`, { headers: bearer })).json()).toMatchObject({ name });
});
