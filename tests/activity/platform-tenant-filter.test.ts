// /admin/activity's Tenant filter at many tenants (issue 11): the page carries the chosen tenant only,
// never a list of every tenant, and the filter finds the others through a bounded search
// (GET /admin/activity/tenants), which answers superadmins only and enters no tenant.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { withPlatform, withSystem, withTenant } from "@/db/scopes";
import { setSuperadminTwoFactorRequired } from "@/db/queries/platform-settings";
import { activity } from "@/db/schema";
import { insertTenant } from "@/db/queries/tenants";
import { TENANT_CHOICES } from "@/db/queries/platform-tenants";
import { createTwoTenants, createUser, uniqueSuffix } from "../support/fixtures";
import { signInAs } from "../support/session";

vi.mock("@/lib/auth", async () => {
  const { mockedSession } = await import("../support/session");
  return { auth: async () => mockedSession() };
});
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));

const { default: PlatformActivityPage } = await import("@/app/admin/activity/page");
const { GET: searchTenants } = await import("@/app/admin/activity/tenants/route");

// Tenants of this file share a word no other file's tenants have, so searches see only them.
const marker = `many${uniqueSuffix()}`;
const TENANTS = 300;
let world: Awaited<ReturnType<typeof createTwoTenants>>;
let root: { id: string; email: string };

/**
 * What the page sends to the browser: its element tree with every prop (client components get theirs
 * serialized into the page). A search matching nothing keeps the rows out of it, so only the filters
 * could grow. Other files may write platform entries meanwhile; this search shows none of them.
 */
async function pagePayload(params: Record<string, string> = {}) {
  const tree = await PlatformActivityPage({ searchParams: Promise.resolve({ q: `nothing${marker}`, ...params }) });
  return JSON.stringify(tree);
}

async function choicesFor(typed: string) {
  const response = await searchTenants(new Request(`http://tenantry.test/admin/activity/tenants?${new URLSearchParams({ q: typed })}`));
  return { status: response.status, body: (await response.json()) as { options?: { value: string; label: string }[] } };
}

beforeAll(async () => {
  world = await createTwoTenants();
  root = await createUser("root", { isSuperadmin: true });
});

describe("the /admin/activity Tenant filter at 300 tenants", () => {
  it("the page's payload does not grow with the number of tenants, and names none of them", async () => {
    signInAs(root);
    const before = await pagePayload();
    await withSystem(async (tx) => {
      for (let i = 0; i < TENANTS; i++) await insertTenant(tx, { slug: `${marker}-${i}`, name: `${marker} tenant ${i}` });
    });
    const after = await pagePayload();
    expect(after).not.toContain(`${marker} tenant`);
    expect(after).not.toContain(`${marker}-`);
    expect(after.length).toBe(before.length);
  });

  it("the chosen tenant alone is in the page, by name and slug", async () => {
    signInAs(root);
    const payload = await pagePayload({ tenant: world.b.id });
    expect(payload).toContain(JSON.stringify({ id: world.b.id, name: world.b.name, slug: world.b.slug }));
    expect(payload).not.toContain(world.a.slug);
  });

  it("search finds a tenant by part of its name or slug, in any case, and never answers more than a page of choices", async () => {
    signInAs(root);
    const { status, body } = await choicesFor(`${marker.toUpperCase()} TENANT 257`);
    expect(status).toBe(200);
    expect(body.options!.map((o) => o.label)).toEqual([`${marker} tenant 257 (${marker}-257)`]);
    expect((await choicesFor(`${marker}-13`)).body.options!.map((o) => o.label)).toEqual([
      `${marker} tenant 13 (${marker}-13)`,
      ...[130, 131, 132, 133, 134, 135, 136, 137, 138, 139].map((i) => `${marker} tenant ${i} (${marker}-${i})`),
    ]);
    expect((await choicesFor(marker)).body.options).toHaveLength(TENANT_CHOICES);
    expect((await choicesFor("")).body.options!.length).toBeLessThanOrEqual(TENANT_CHOICES);
    // The user's % and _ are literal, not wildcards.
    expect((await choicesFor(`${marker}%257`)).body.options).toEqual([]);
    expect((await choicesFor("x".repeat(201))).body.options).toEqual([]);
  });

  it("answers anyone but a superadmin with a 404, and searching enters no tenant (nothing recorded in its log)", async () => {
    signInAs(world.adminA);
    expect(await choicesFor(world.a.name)).toEqual({ status: 404, body: { error: "Not found" } });
    signInAs(null);
    expect((await choicesFor(world.a.name)).status).toBe(404);
    signInAs(root);
    expect((await choicesFor(world.a.slug)).body.options!.map((o) => o.value)).toEqual([world.a.id]);
    const entries = await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.select().from(activity).where(eq(activity.tenantId, world.a.id)));
    expect(entries.filter((entry) => entry.actorUserId === root.id)).toEqual([]);
  });

  it("answers a superadmin without two-factor, while the platform requires it, 403 and no tenant", async () => {
    signInAs(root);
    await withPlatform({ superadminId: root.id }, (tx) => setSuperadminTwoFactorRequired(tx, true));
    try {
      const response = await searchTenants(new Request(`http://tenantry.test/admin/activity/tenants?q=${world.a.slug}`));
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain(world.a.id);
    } finally {
      await withPlatform({ superadminId: root.id }, (tx) => setSuperadminTwoFactorRequired(tx, false));
    }
    expect((await choicesFor(world.a.slug)).status).toBe(200);
  });
});
