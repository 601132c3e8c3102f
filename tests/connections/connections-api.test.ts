// /api/v1/connections, attacked: tenant A's key replaying tenant B's connection ids (404, B
// unchanged), lists holding only the key's tenant, and no secret in any answer. (Each route × each
// role is in tests/api/rest-api-routes.test.ts.)
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createTwoTenants, uniqueSuffix } from "../support/fixtures";
import { callApi, keyFor, type TestKey } from "../api/api-support";
import { connectionRows, httpApiFields } from "./connections-support";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const list = await import("@/app/api/v1/connections/route");
const one = await import("@/app/api/v1/connections/[connectionId]/route");
const test = await import("@/app/api/v1/connections/[connectionId]/test/route");

let world: Awaited<ReturnType<typeof createTwoTenants>>;
let editorA: TestKey;
let editorB: TestKey;
let viewerA: TestKey;

beforeAll(async () => {
  world = await createTwoTenants();
  [editorA, editorB, viewerA] = [await keyFor(world.a.id, "editor"), await keyFor(world.b.id, "editor"), await keyFor(world.a.id, "viewer")];
});

describe("/api/v1/connections", () => {
  it("creates, reads, edits and deletes as the key, never answering a secret", async () => {
    const token = `api_${uniqueSuffix()}_SECRET_MARKER`;
    const created = await callApi(list.POST, { key: editorA.key, method: "POST", body: { name: `api-${uniqueSuffix()}`, ...httpApiFields("https://api.example.com", token) } });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    const answers = [created.text];
    const got = await callApi(one.GET, { key: viewerA.key, params: { connectionId: id } });
    expect(got.body).toMatchObject({ id, connector: "http_api", status: "active", settings: { baseUrl: "https://api.example.com", authType: "bearer" } });
    answers.push(got.text, (await callApi(list.GET, { key: viewerA.key })).text);
    const edited = await callApi(one.PATCH, { key: editorA.key, method: "PATCH", params: { connectionId: id }, body: { name: "edited by api", baseUrl: "https://api2.example.com" } });
    expect(edited.status, edited.text).toBe(200);
    answers.push(edited.text);
    for (const answer of answers) expect(answer).not.toContain("SECRET_MARKER");
    const deleted = await callApi(one.DELETE, { key: editorA.key, method: "DELETE", params: { connectionId: id } });
    expect(deleted.status).toBe(200);
    expect((await connectionRows(world.a.id)).map((row) => row.id)).not.toContain(id);
  });

  it("refuses a viewer's writes (403) and bad fields per field (422), writing nothing", async () => {
    const before = await connectionRows(world.a.id);
    expect((await callApi(list.POST, { key: viewerA.key, method: "POST", body: { name: "nope", connector: "incoming_webhook" } })).status).toBe(403);
    const bad = await callApi(list.POST, { key: editorA.key, method: "POST", body: { name: "bad", connector: "http_api", baseUrl: "not a url", token: "t" } });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ errors: { baseUrl: [expect.any(String)] } });
    expect(await connectionRows(world.a.id)).toEqual(before);
  });

  it("A's key with B's connection id: 404 on every route, B unchanged, and A's list holds none of B", async () => {
    const created = await callApi(list.POST, { key: editorB.key, method: "POST", body: { name: `b-${uniqueSuffix()}`, connector: "incoming_webhook" } });
    const connectionId = created.body.id as string;
    const before = await connectionRows(world.b.id);
    const replays = [
      await callApi(one.GET, { key: editorA.key, params: { connectionId } }),
      await callApi(one.PATCH, { key: editorA.key, method: "PATCH", params: { connectionId }, body: { name: "hijacked" } }),
      await callApi(one.DELETE, { key: editorA.key, method: "DELETE", params: { connectionId } }),
      await callApi(test.POST, { key: editorA.key, method: "POST", params: { connectionId } }),
    ];
    for (const answer of replays) expect(answer.status, answer.text).toBe(404);
    expect(await connectionRows(world.b.id)).toEqual(before);
    const listed = await callApi(list.GET, { key: editorA.key });
    expect(JSON.stringify(listed.body)).not.toContain(connectionId);
  });
});
