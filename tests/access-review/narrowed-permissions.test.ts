// The access review names a flow permission a member holds only through a group narrowed to particular
// flows ("Only these flows") as such: "flows.write (2 flows)" with the flows' names, on the page and in
// the CSV, never as if it held for every flow. A member who also holds it tenant-wide (a role, an "All
// flows" group) shows it plainly.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { parse } from "csv-parse/sync";
import { withTenant } from "@/db/scopes";
import { listAccessReview } from "@/db/queries/access-review";
import { insertFlow } from "@/db/queries/flows";
import { insertGroupFlow } from "@/db/queries/group-flows";
import { updateGroup } from "@/db/queries/groups";
import { memberAccess } from "@/lib/access-review/member-access";
import { PermissionList } from "@/app/t/[slug]/access/access-table";
import { signInAs } from "../support/session";
import { seedGroup } from "../groups/groups-support";
import { accessReviewWorld } from "./support";

vi.mock("@/lib/auth", async () => {
  const { currentSession } = await import("../support/session");
  return { auth: async () => (currentSession.user ? { user: currentSession.user } : null) };
});
vi.hoisted(() => {
  process.env.AUTH_URL = "http://tenantry.test";
});
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "tenantry.test" }), cookies: async () => ({ get: () => undefined }) }));

const { POST } = await import("@/app/t/[slug]/access/export/route");
const ORIGIN = "http://tenantry.test";

let world: Awaited<ReturnType<typeof accessReviewWorld>>;

const rowOf = async (userId: string) => {
  const { rows } = await withTenant({ tenantId: world.a.id, userId: null }, (tx) => listAccessReview(tx, { page: 1, size: 25 }));
  return rows.find((row) => row.userId === userId)!;
};

beforeAll(async () => {
  world = await accessReviewWorld();
  // Cy (Viewer) and Bob (Editor) in a group whose Edit flows is narrowed to two flows; a third flow is not in it.
  const group = await seedGroup(world.a.id, ["flows.write", "flows.read"], [world.cy.id, world.bob.id]);
  await withTenant({ tenantId: world.a.id, userId: null }, async (tx) => {
    const flows = [];
    for (const name of ["Payroll sync", "Checksums", "Elsewhere"]) flows.push(await insertFlow(tx, { name, steps: ["validate"], createdBy: null }));
    await updateGroup(tx, group.id, { flowsScoped: true });
    for (const flow of flows.slice(0, 2)) await insertGroupFlow(tx, group.id, flow.id);
  });
});

describe("a permission held only for particular flows", () => {
  it("is listed apart with its flows, not among the permissions that hold everywhere", async () => {
    const cy = memberAccess(await rowOf(world.cy.id));
    expect(cy.permissions).not.toContain("flows.write");
    // flows.read is not narrowable: it holds tenant-wide.
    expect(cy.permissions).toContain("flows.read");
    expect(cy.narrowed).toEqual([{ permission: "flows.write", flows: ["Checksums", "Payroll sync"] }]);
    // Bob is an Editor: Edit flows holds for every flow, so nothing is narrowed.
    const bob = memberAccess(await rowOf(world.bob.id));
    expect(bob.permissions).toContain("flows.write");
    expect(bob.narrowed).toEqual([]);
  });

  it("shows on the page as \"flows.write (2 flows)\" with the flows' names", async () => {
    const row = await rowOf(world.cy.id);
    const html = renderToStaticMarkup(createElement(PermissionList, { email: row.email, ...memberAccess(row) }));
    expect(html).toContain("flows.write (2 flows)");
    expect(html).toContain(`aria-label="Flows of flows.write for ${row.email}"`);
    expect(html).toMatch(/<li>Checksums<\/li><li>Payroll sync<\/li>/);
    expect(html).not.toContain("Elsewhere");
  });

  it("is its own column of the CSV export, with the flows named", async () => {
    signInAs(world.ada);
    const response = await POST(
      new Request(`${ORIGIN}/t/${world.a.slug}/access/export`, { method: "POST", headers: { "sec-fetch-site": "same-origin", origin: ORIGIN }, body: new URLSearchParams() }),
      { params: Promise.resolve({ slug: world.a.slug }) },
    );
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    const cy = rows.find((row) => row.email === world.cy.email)!;
    expect(cy.permissions!.split(" ")).not.toContain("flows.write");
    expect(cy.flow_scoped_permissions).toBe("flows.write (2 flows): Checksums, Payroll sync");
    expect(rows.find((row) => row.email === world.bob.email)!.flow_scoped_permissions).toBe("");
  });
});
