// POST /t/<slug>/access/export: the filtered review as CSV written by csv-stringify, recorded in the
// log; a 404 for members who may not review access and for other tenants' Admins; another site's POST
// refused. And the page itself: Admins only.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { activity } from "@/db/schema";
import { addMember, createUser } from "../support/fixtures";
import { navigationOf } from "../support/navigation";
import { signInAs } from "../support/session";
import { accessReviewWorld } from "./support";

vi.mock("@/lib/auth", async () => {
  const { currentSession } = await import("../support/session");
  return { auth: async () => (currentSession.user ? { user: currentSession.user } : null) };
});
vi.hoisted(() => {
  process.env.AUTH_URL = "http://tenantry.test";
});
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "tenantry.test" }), cookies: async () => ({ get: () => undefined }) }));

const { POST, GET } = await import("@/app/t/[slug]/access/export/route");
const { default: AccessReviewPage } = await import("@/app/t/[slug]/access/page");

const ORIGIN = "http://tenantry.test";
const FROM_OUR_PAGE = { "sec-fetch-site": "same-origin", origin: ORIGIN };

let world: Awaited<ReturnType<typeof accessReviewWorld>>;
let viewer: { id: string; email: string };
let editor: { id: string; email: string };

function postExport(slug: string, query = "", headers: HeadersInit = FROM_OUR_PAGE) {
  return POST(new Request(`${ORIGIN}/t/${slug}/access/export`, { method: "POST", headers, body: new URLSearchParams(query) }), { params: Promise.resolve({ slug }) });
}
const records = (text: string) => parse(text, { columns: true }) as Record<string, string>[];

beforeAll(async () => {
  world = await accessReviewWorld();
  viewer = await createUser("viewer");
  editor = await createUser("editor");
  await addMember(world.a.id, viewer.id, ["viewer"]);
  await addMember(world.a.id, editor.id, ["editor"]);
});

describe("access review CSV export", () => {
  it("downloads the filtered members with groups, permissions, two-factor and times, and logs the export", async () => {
    signInAs(world.ada);
    const response = await postExport(world.a.slug, "twoFactor=off");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="access-${world.a.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    const rows = records(await response.text());
    // Bob (two-factor pending), Cy (suspended), and the Viewer and Editor added here: none has two-factor.
    expect(rows.map((row) => row.email).sort()).toEqual([world.bob.email, world.cy.email, viewer.email, editor.email].sort());
    const bob = rows.find((row) => row.email === world.bob.email)!;
    expect(bob).toMatchObject({ status: "active", groups: "Editor", two_factor: "off", last_sign_in_utc: "", last_activity_utc: "" });
    expect(bob.permissions).toBe("tenant.read members.read activity.read flows.read settings.read credentials.read tables.read connections.read dashboards.read flows.write flows.run credentials.use tables.write connections.manage dashboards.manage");
    const entries = await withTenant({ tenantId: world.a.id, userId: null }, (tx) =>
      tx.select().from(activity).where(and(eq(activity.action, "access_review.exported"), eq(activity.actorUserId, world.ada.id))),
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]!.details).toEqual({ filters: { twoFactor: "off" } });
  });

  it("writes every member unfiltered, with sign-in and activity times in UTC and invited accounts' state left blank", async () => {
    signInAs(world.ada);
    const rows = records(await (await postExport(world.a.slug)).text());
    expect(rows).toHaveLength(7);
    const ada = rows.find((row) => row.email === world.ada.email)!;
    expect(ada).toMatchObject({ two_factor: "on", last_sign_in_utc: "2026-03-01T10:00:00.000Z" });
    // Her last activity is her export a moment ago (the earlier test's entry), not her entries of March.
    expect(Date.now() - Date.parse(ada.last_activity_utc!)).toBeLessThan(10 * 60_000);
    expect(rows.find((row) => row.email === world.zed.email)).toMatchObject({ status: "invited", name: "", two_factor: "", last_sign_in_utc: "" });
    expect(rows.map((row) => row.email)).not.toContain(world.outsider.email);
  });

  it("is a 404 for members who may not review access, and for another tenant's Admin", async () => {
    for (const caller of [viewer, editor, world.outsider]) {
      signInAs(caller);
      expect((await postExport(world.a.slug)).status).toBe(404);
    }
    signInAs(null);
    expect((await postExport(world.a.slug)).status).toBe(404);
  });

  it("refuses another site's POST before reading anything, and a GET only redirects to the page", async () => {
    signInAs(world.ada);
    expect((await postExport(world.a.slug, "", { "sec-fetch-site": "cross-site", origin: "http://evil.test" })).status).toBe(403);
    const redirect = await GET(new Request(`${ORIGIN}/t/${world.a.slug}/access/export?twoFactor=off`), { params: Promise.resolve({ slug: world.a.slug }) });
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get("location")).toBe(`/t/${world.a.slug}/access?twoFactor=off`);
  });
});

describe("the access review page", () => {
  const open = (slug: string) => navigationOf(AccessReviewPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve({}) }));

  it("renders for an Admin and is a 404 for Viewers, Editors and other tenants' Admins", async () => {
    signInAs(world.ada);
    expect(await open(world.a.slug)).toBe("rendered");
    for (const caller of [viewer, editor, world.outsider]) {
      signInAs(caller);
      expect(await open(world.a.slug)).toMatch(/404/);
    }
  });
});
