// A tenant's two-factor requirement governs browser sessions only: an API key is its own credential, so
// a tenant that requires two-factor of everyone still answers its keys (reads and writes), while the
// same tenant's members without two-factor are refused (tests/two-factor/requirement.test.ts).
import { beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { withSystem } from "@/db/scopes";
import { tenants } from "@/db/schema";
import { createTwoTenants } from "../support/fixtures";
import { callApi, keyFor } from "../api/api-support";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const tenantRoute = await import("@/app/api/v1/tenant/route");
const flowList = await import("@/app/api/v1/flows/route");

let world: Awaited<ReturnType<typeof createTwoTenants>>;

beforeAll(async () => {
  world = await createTwoTenants();
  await withSystem((tx) => tx.update(tenants).set({ twoFactorRequired: "everyone" }).where(eq(tenants.id, world.a.id)));
});

describe("a tenant that requires two-factor of everyone", () => {
  it("still answers its API keys: a read and a write", async () => {
    const editor = await keyFor(world.a.id, "editor");
    const read = await callApi(tenantRoute.GET, { key: editor.key, path: "/api/v1/tenant" });
    expect(read).toMatchObject({ status: 200, body: { id: world.a.id } });
    const write = await callApi(flowList.POST, { key: editor.key, method: "POST", path: "/api/v1/flows", body: { name: "Keyed", steps: ["validate"] } });
    expect(write).toMatchObject({ status: 201, body: { name: "Keyed" } });
  });
});
