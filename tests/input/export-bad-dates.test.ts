// Attack: POST /t/<slug>/activity/export with From = 0000-01-01. The export used to write its
// "activity.exported" entry first and then fail on its first batch (PostgreSQL has no year 0), so
// the log said an export happened while the download broke off. Now the filters are checked before
// anything is written, and the entry is written in the transaction that reads the first rows.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { activity } from "@/db/schema";
import { addMember, createTenant, createUser } from "../support/fixtures";
import { signInAs } from "../support/session";
import { insertEntries } from "../activity/support";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "tenantry.test" }), cookies: async () => ({ get: () => undefined }) }));

const { POST } = await import("@/app/t/[slug]/activity/export/route");

const ORIGIN = "http://tenantry.test";
let tenant: { id: string; slug: string };
let viewer: { id: string; email: string };

beforeAll(async () => {
  tenant = await createTenant("export-dates", { license: "team" }); // CSV export needs the Team license
  viewer = await createUser("viewer");
  await addMember(tenant.id, viewer.id, ["viewer"]);
  await insertEntries(tenant.id, [{ at: "2026-01-10T10:00:00Z", action: "flow.created", summary: "kept" }]);
});

const exportsRecorded = async () =>
  (
    await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      tx.select().from(activity).where(and(eq(activity.action, "activity.exported"), eq(activity.actorUserId, viewer.id))),
    )
  ).length;

describe("export with dates PostgreSQL cannot read", () => {
  it("ignores From/To outside 1900..9999, streams the whole CSV and records exactly one export", async () => {
    signInAs(viewer);
    for (const [index, query] of ["from=0000-01-01", "to=0000-12-31", "from=2026-13-01&to=0000-02-30"].entries()) {
      const response = await POST(
        new Request(`${ORIGIN}/t/${tenant.slug}/activity/export`, {
          method: "POST",
          headers: { "sec-fetch-site": "same-origin", origin: ORIGIN },
          body: new URLSearchParams(query),
        }),
        { params: Promise.resolve({ slug: tenant.slug }) },
      );
      expect(response.status, query).toBe(200);
      const text = await response.text();
      expect(text, query).toContain("kept");
      expect(await exportsRecorded(), query).toBe(index + 1);
    }
  });
});
