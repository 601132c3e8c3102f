// A flow step that uses a credential by name ("credential:<name>"): the run resolves it (decrypts the
// value in its transaction) and its log says so, never the value; a name the tenant has no credential
// with, or one only another tenant has, fails the step. Through the server actions and the REST API.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { credentials, flowRuns } from "@/db/schema";
import { credentialStep, describeSteps } from "@/lib/flows/steps";
import { createTwoTenants, uniqueSuffix } from "../support/fixtures";
import { actingAs } from "../support/session";
import { callApi, keyFor, type TestKey } from "../api/api-support";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createFlow, runFlow } = await import("@/app/t/[slug]/flows/actions");
const { addCredential } = await import("@/app/t/[slug]/credentials/actions");
const flowList = await import("@/app/api/v1/flows/route");
const runs = await import("@/app/api/v1/flows/[flowId]/runs/route");
const activityRoute = await import("@/app/api/v1/activity/route");

type World = Awaited<ReturnType<typeof createTwoTenants>>;
let world: World;
let editorKey: TestKey;

async function credentialIn(slug: string, admin: { id: string; email: string }, value: string) {
  const name = `Token ${uniqueSuffix()}`;
  const result = await actingAs(admin, () => addCredential(slug, null, { name, value }));
  if (!result.ok) throw new Error(result.message);
  return name;
}

async function flowRunning(steps: string[]) {
  const created = await actingAs(world.adminA, () => createFlow(world.a.slug, null, { name: `uses-${uniqueSuffix()}`, steps }));
  if (!created.ok) throw new Error(created.message);
  const ran = await actingAs(world.adminA, () => runFlow(world.a.slug, null, { flowId: created.data.id }));
  if (!ran.ok) throw new Error(ran.message);
  const [run] = await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.select().from(flowRuns).where(and(eq(flowRuns.tenantId, world.a.id), eq(flowRuns.id, ran.data.runId))));
  return run!;
}

beforeAll(async () => {
  world = await createTwoTenants({ license: "enterprise" });
  editorKey = await keyFor(world.a.id, "editor");
});

describe("a step that uses a credential", () => {
  it("is resolved by the run, and the log says so without the value", async () => {
    const value = `s3cret-${uniqueSuffix()}-value`;
    const name = await credentialIn(world.a.slug, world.adminA, value);
    const run = await flowRunning(["validate", credentialStep(name), "checksum"]);
    expect(run.status).toBe("succeeded");
    expect(run.log[1]).toMatchObject({ step: credentialStep(name), status: "succeeded", output: `Resolved the credential ${name} (value not shown)` });
    expect(JSON.stringify(run)).not.toContain(value);
    const log = await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.execute(sql`select a::text from activity a`));
    expect(JSON.stringify(log)).not.toContain(value);
  });

  it("fails the step for a name the tenant has no credential with, and skips the rest", async () => {
    const run = await flowRunning([credentialStep("Nothing by this name"), "notify"]);
    expect(run.status).toBe("failed");
    expect(run.log).toMatchObject([
      { status: "failed", output: `No credential named Nothing by this name could be resolved in ${world.a.name}` },
      { status: "skipped" },
    ]);
  });

  it("does not resolve another tenant's credential of that name", async () => {
    const name = await credentialIn(world.b.slug, world.adminB, "b-only-secret-value");
    const run = await flowRunning([credentialStep(name)]);
    expect(run).toMatchObject({ status: "failed", log: [{ status: "failed" }] });
  });

  it("fails the step when the value no longer decrypts (tampered), never showing it", async () => {
    const name = await credentialIn(world.a.slug, world.adminA, "tamper-me-value");
    await withTenant({ tenantId: world.a.id, userId: null }, (tx) =>
      tx.update(credentials).set({ ciphertext: Buffer.from("garbage-bytes!!").toString("base64") }).where(and(eq(credentials.tenantId, world.a.id), eq(credentials.name, name))),
    );
    expect(await flowRunning([credentialStep(name)])).toMatchObject({ status: "failed" });
  });

  it("reads in words on the pages", () => {
    expect(describeSteps(["validate", credentialStep("Deploy token")])).toBe("Validate the payload → Use the credential Deploy token");
  });

  it("refuses a credential step without a name, or with a padded one, with the form's message", async () => {
    for (const step of ["credential:", "credential: padded", "credential:\u0007bell", `credential:${"x".repeat(81)}`]) {
      const result = await actingAs(world.adminA, () => createFlow(world.a.slug, null, { name: `bad-${uniqueSuffix()}`, steps: [step] }));
      expect(result, step).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { steps: ["Choose steps from the list."] } });
    }
  });
});

describe("through the REST API", () => {
  it("an Editor's key creates and runs a flow using a credential; no answer holds the value", async () => {
    const value = `api-s3cret-${uniqueSuffix()}`;
    const name = await credentialIn(world.a.slug, world.adminA, value);
    const created = await callApi(flowList.POST, { key: editorKey.key, method: "POST", body: { name: `api-uses-${uniqueSuffix()}`, steps: [credentialStep(name)] } });
    expect(created.status).toBe(201);
    const ran = await callApi(runs.POST, { key: editorKey.key, method: "POST", params: { flowId: created.body.id as string } });
    expect(ran.body).toMatchObject({ status: "succeeded" });
    const listed = await callApi(runs.GET, { key: editorKey.key, params: { flowId: created.body.id as string } });
    expect(listed.body).toMatchObject({ runs: [{ log: [{ output: `Resolved the credential ${name} (value not shown)` }] }] });
    const log = await callApi(activityRoute.GET, { key: editorKey.key, path: "/api/v1/activity?size=100" });
    for (const answer of [created, ran, listed, log]) expect(answer.text).not.toContain(value);
  });
});
