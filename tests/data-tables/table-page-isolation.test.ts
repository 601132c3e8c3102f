// A table's page reached through another tenant's URL: tenant A's table id under tenant B's slug is
// not found (404) even to B's Admin, as are malformed ids; under A's own slug it renders.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { withTenant } from "@/db/scopes";
import { insertDataTable } from "@/db/queries/data-tables";
import { createTwoTenants } from "../support/fixtures";
import { navigationOf } from "../support/navigation";
import { signInAs } from "../support/session";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));

const { default: DataTablePage } = await import("@/app/t/[slug]/tables/[tableId]/page");

let world: Awaited<ReturnType<typeof createTwoTenants>>;
let tableOfA: string;

const open = (slug: string, tableId: string) => navigationOf(DataTablePage({ params: Promise.resolve({ slug, tableId }), searchParams: Promise.resolve({}) }));

beforeAll(async () => {
  world = await createTwoTenants();
  tableOfA = (await withTenant({ tenantId: world.a.id, userId: null }, (tx) => insertDataTable(tx, { name: "customers", columns: [{ name: "Name", type: "text" }], createdBy: null }))).id;
});

describe("a table's page", () => {
  it("renders for its own tenant's member", async () => {
    signInAs(world.adminA);
    expect(await open(world.a.slug, tableOfA)).toBe("rendered");
  });

  it("is not found through another tenant's URL, or with a malformed id", async () => {
    signInAs(world.adminB);
    expect(await open(world.b.slug, tableOfA)).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    for (const id of ["not-a-uuid", "00000000-0000-0000-0000-000000000000"]) expect(await open(world.b.slug, id), id).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    // Nor through tenant A's URL, of which B's Admin is no member.
    expect(await open(world.a.slug, tableOfA)).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
  });
});
