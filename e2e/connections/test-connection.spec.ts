// An Editor creates an HTTP API connection to a server this spec starts, tests it (success), sees a
// wrong token make it failing with the reason, and deletes it after confirming; the token is never
// in the page. A Viewer sees the connection and its status, with no form and no buttons.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { CONNECTIONS_PEOPLE, CONNECTIONS_TENANT } from "../seed/connections";
import { signIn } from "../support/sign-in";

const TOKEN = "e2e_connection_token_SECRET_4242";
let server: http.Server;
let baseUrl: string;

test.beforeAll(async () => {
  server = http.createServer((request, response) => {
    const allowed = request.headers.authorization === `Bearer ${TOKEN}`;
    response.writeHead(allowed ? 200 : 401, { "content-type": "application/json" }).end(allowed ? '{"ok":true}' : "{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/status`;
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("an Editor creates an HTTP API connection, tests it, sees a failing test and deletes it; a Viewer only sees it", async ({ browser }) => {
  // Two sign-ins and two real calls to the target: more than the default budget on a busy machine.
  test.slow();
  const editor = await (await browser.newContext()).newPage();
  await signIn(editor, CONNECTIONS_PEOPLE.editor);
  await editor.goto(`/t/${CONNECTIONS_TENANT}`);
  await editor.getByRole("link", { name: "Connections" }).click();
  await expect(editor.getByRole("heading", { name: "Connections", level: 1 })).toBeVisible();

  // A refusal says what is missing next to the field, and never fills the token back.
  await editor.getByRole("textbox", { name: "Name" }).fill("Status API");
  await editor.getByLabel("Bearer token").fill(TOKEN);
  await editor.getByRole("button", { name: "Create connection" }).click();
  await expect(editor.getByText("Enter the API's base URL.")).toBeVisible();
  await expect(editor.getByLabel("Bearer token")).toHaveValue("");

  await editor.getByRole("textbox", { name: "Base URL" }).fill(baseUrl);
  await editor.getByLabel("Bearer token").fill(TOKEN);
  await editor.getByRole("button", { name: "Create connection" }).click();
  await expect(editor.getByRole("status")).toHaveText("Created the connection Status API.");
  const row = editor.getByRole("row", { name: /^Status API\b/ });
  await expect(row).toContainText("HTTP API");
  await expect(row).toContainText("Active");
  expect(await editor.content()).not.toContain("SECRET_4242");

  await row.getByRole("link", { name: "Status API" }).click();
  await expect(editor.getByRole("heading", { name: "Status API", level: 1 })).toBeVisible();
  await editor.getByRole("button", { name: "Test connection" }).click();
  await expect(editor.getByRole("status").filter({ hasText: "Connection works" })).toContainText("HTTP 200");

  // A wrong token (the field left empty would keep the stored one): the test fails, and says why.
  await editor.getByLabel("Bearer token").fill("wrong-token");
  await editor.getByRole("button", { name: "Save connection" }).click();
  await expect(editor.getByText("Saved the connection.")).toBeVisible();
  await editor.getByRole("button", { name: "Test connection" }).click();
  await expect(editor.getByRole("alert").filter({ hasText: "Connection failed" })).toContainText("refused the credentials (HTTP 401)");
  await editor.reload();
  await expect(editor.getByText("Failing", { exact: true })).toBeVisible();
  expect(await editor.content()).not.toContain("SECRET_4242");

  // A Viewer sees it failing, without the form or the buttons.
  const viewer = await (await browser.newContext()).newPage();
  await signIn(viewer, CONNECTIONS_PEOPLE.viewer);
  await viewer.goto(`/t/${CONNECTIONS_TENANT}/connections`);
  await expect(viewer.getByRole("row", { name: /^Status API\b/ })).toContainText("Failing");
  await expect(viewer.getByRole("button", { name: "Create connection" })).toHaveCount(0);
  await viewer.getByRole("link", { name: "Status API" }).click();
  await expect(viewer.getByRole("button", { name: "Test connection" })).toHaveCount(0);
  expect(await viewer.content()).not.toContain("SECRET_4242");

  // Delete, after confirming.
  await editor.getByRole("button", { name: "Delete connection" }).click();
  await editor.getByRole("dialog", { name: "Delete Status API?" }).getByRole("button", { name: "Delete" }).click();
  await expect(editor).toHaveURL(new RegExp(`/t/${CONNECTIONS_TENANT}/connections$`));
  await expect(editor.getByRole("row", { name: /^Status API\b/ })).toHaveCount(0);
});
