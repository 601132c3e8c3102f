// Usage metering per tenant per day: the measures (active members, credentials, bytes of the tenant's
// rows), the storage measure's table list against the catalog, row-level security on tenant_usage
// (tenant A reads and writes none of B's; the console reads the meters and nothing else), the monthly
// CSV (content and who may download it) and who may open the Usage page.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { tenantTableSecurity } from "@/db/catalog";
import { withPlatform, withTenant } from "@/db/scopes";
import { credentials, memberships, tenantUsage } from "@/db/schema";
import { listUsageDays, measureUsage, TENANT_TABLES } from "@/db/queries/usage";
import { setSuperadminTwoFactorRequired } from "@/db/queries/platform-settings";
import { can } from "@/lib/permissions";
import { usageCsv } from "@/lib/usage/usage-csv";
import { everyDay, formatBytes, monthRange, utcDay } from "@/lib/usage/usage-days";
import { addMember, createTwoTenants, createUser, databaseErrorOf } from "../support/fixtures";
import { signInAs } from "../support/session";

vi.mock("@/lib/auth", async () => {
  const { currentSession } = await import("../support/session");
  return { auth: async () => (currentSession.user ? { user: currentSession.user } : null) };
});

const { GET: downloadUsage } = await import("@/app/admin/usage/[tenantId]/route");

let world: Awaited<ReturnType<typeof createTwoTenants>>;
const today = () => utcDay(new Date());
const inTenant = <T,>(tenantId: string, work: Parameters<typeof withTenant<T>>[1]) => withTenant({ tenantId, userId: null }, work);
const todayOf = async (tenantId: string) => (await inTenant(tenantId, (tx) => listUsageDays(tx, today(), today())))[0];

const seedDay = (tenantId: string, day: string, values: { apiRequests?: number; flowRuns?: number; storageBytes?: number }) =>
  inTenant(tenantId, (tx) => tx.insert(tenantUsage).values({ tenantId, day, ...values }));

beforeAll(async () => {
  world = await createTwoTenants();
});

describe("measuring a tenant's usage", () => {
  it("counts active members only, the credentials, and the bytes of the tenant's rows; not again within the hour", async () => {
    const { a } = await createTwoTenants();
    const [invited, suspended] = [await createUser("invited"), await createUser("suspended")];
    await inTenant(a.id, (tx) =>
      tx.insert(memberships).values([
        { tenantId: a.id, userId: invited.id, roles: ["viewer"], status: "invited" },
        { tenantId: a.id, userId: suspended.id, roles: ["viewer"], status: "suspended" },
      ]),
    );
    await addMember(a.id, (await createUser("active")).id, ["editor"]);
    const credential = { keyId: "k1", iv: "iv", authTag: "tag", ciphertext: "x".repeat(500), valueLast4: "abcd" };
    await inTenant(a.id, (tx) => tx.insert(credentials).values([{ tenantId: a.id, name: "one", ...credential }, { tenantId: a.id, name: "two", ...credential }]));
    await inTenant(a.id, (tx) => measureUsage(tx));
    const measured = await todayOf(a.id);
    expect(measured).toMatchObject({ activeMembers: 2, credentials: 2 });
    expect(measured!.storageBytes).toBeGreaterThan(1000);
    // A new credential within the hour: today's measure stands.
    await inTenant(a.id, (tx) => tx.insert(credentials).values({ tenantId: a.id, name: "three", ...credential }));
    await inTenant(a.id, (tx) => measureUsage(tx));
    expect((await todayOf(a.id))!.credentials).toBe(2);
    // An hour later it measures again, and the bytes grew with the new row.
    await inTenant(a.id, (tx) => tx.update(tenantUsage).set({ measuredAt: sql`now() - interval '61 minutes'` }).where(eq(tenantUsage.tenantId, a.id)));
    await inTenant(a.id, (tx) => measureUsage(tx));
    const again = await todayOf(a.id);
    expect(again!.credentials).toBe(3);
    expect(again!.storageBytes).toBeGreaterThan(measured!.storageBytes! + 500);
  });

  it("measures no other tenant's rows into a tenant's storage", async () => {
    const { a, b } = await createTwoTenants();
    await inTenant(a.id, (tx) => measureUsage(tx));
    const before = (await todayOf(a.id))!.storageBytes!;
    await inTenant(b.id, (tx) =>
      tx.insert(credentials).values({ tenantId: b.id, name: "big", keyId: "k", iv: "i", authTag: "t", ciphertext: "y".repeat(5000), valueLast4: "yyyy" }),
    );
    await inTenant(a.id, (tx) => tx.update(tenantUsage).set({ measuredAt: null }).where(eq(tenantUsage.tenantId, a.id)));
    await inTenant(a.id, (tx) => measureUsage(tx));
    expect((await todayOf(a.id))!.storageBytes).toBeLessThan(before + 200);
  });

  it("the storage measure reads every table that holds tenant rows (the catalog's list)", async () => {
    const tables = (await tenantTableSecurity()).map((table) => table.table).sort();
    expect([...TENANT_TABLES].sort()).toEqual(tables);
  });
});

describe("row-level security on tenant_usage", () => {
  it("attack: tenant A's scope reads none of B's days and cannot write one for B", async () => {
    await seedDay(world.b.id, "2026-01-15", { apiRequests: 7 });
    const seenByA = await inTenant(world.a.id, (tx) => tx.select().from(tenantUsage));
    expect(seenByA.filter((row) => row.tenantId === world.b.id)).toEqual([]);
    const forged = inTenant(world.a.id, (tx) => tx.insert(tenantUsage).values({ tenantId: world.b.id, day: "2026-01-16", apiRequests: 1 }));
    expect(await databaseErrorOf(forged)).toMatch(/row-level security/);
    const updated = await inTenant(world.a.id, (tx) => tx.update(tenantUsage).set({ apiRequests: 0 }).where(eq(tenantUsage.tenantId, world.b.id)).returning());
    expect(updated).toEqual([]);
    expect(await inTenant(world.b.id, (tx) => listUsageDays(tx, "2026-01-15", "2026-01-15"))).toMatchObject([{ apiRequests: 7 }]);
  });

  it("the app cannot delete a day's usage, even its own tenant's", async () => {
    await seedDay(world.a.id, "2026-01-10", { apiRequests: 3 });
    const deletion = inTenant(world.a.id, (tx) => tx.delete(tenantUsage).where(and(eq(tenantUsage.tenantId, world.a.id), eq(tenantUsage.day, "2026-01-10"))));
    expect(await databaseErrorOf(deletion)).toMatch(/permission denied for table tenant_usage/);
  });

  it("the console reads every tenant's meters without entering them, and still none of their other rows nor a write", async () => {
    const root = await createUser("root-usage", { isSuperadmin: true });
    await seedDay(world.a.id, "2026-02-01", { apiRequests: 4 });
    const seen = await withPlatform({ superadminId: root.id }, async (tx) => ({
      usage: (await tx.select().from(tenantUsage).where(eq(tenantUsage.day, "2026-02-01"))).map((row) => row.tenantId),
      memberships: await tx.select().from(memberships),
    }));
    expect(seen).toEqual({ usage: [world.a.id], memberships: [] });
    const write = withPlatform({ superadminId: root.id }, (tx) => tx.insert(tenantUsage).values({ tenantId: world.a.id, day: "2026-02-02" }));
    expect(await databaseErrorOf(write)).toMatch(/row-level security/);
  });
});

describe("the monthly usage CSV", () => {
  it("lists every day of the month for the tenant, with the counters' sums and the measures' peaks as the total", () => {
    const { from, to } = monthRange("2026-02");
    expect({ from, to }).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    const days = everyDay(
      [
        { day: "2026-02-02", apiRequests: 10, flowRuns: 1, activeMembers: 3, credentials: 1, storageBytes: 2048 },
        { day: "2026-02-27", apiRequests: 5, flowRuns: 0, activeMembers: 4, credentials: null, storageBytes: 1024 },
      ],
      from,
      to,
    );
    const lines = usageCsv("acme", days).trimEnd().split("\n");
    expect(lines).toHaveLength(1 + 28 + 1);
    expect(lines[0]).toBe("tenant,day_utc,api_requests,flow_runs,active_members,credentials,storage_bytes");
    expect(lines[1]).toBe("acme,2026-02-01,0,0,,,");
    expect(lines[2]).toBe("acme,2026-02-02,10,1,3,1,2048");
    expect(lines[28]).toBe("acme,2026-02-28,0,0,,,");
    expect(lines[29]).toBe("acme,total,15,1,4,1,2048");
  });

  it("keeps a spreadsheet from reading the tenant cell as a formula", () => {
    expect(usageCsv("=cmd", everyDay([], "2026-02-01", "2026-02-01")).split("\n")[1]).toBe("'=cmd,2026-02-01,0,0,,,");
  });

  const download = (tenantId: string, month?: string) =>
    downloadUsage(new Request(`http://localhost/admin/usage/${tenantId}${month ? `?month=${month}` : ""}`), { params: Promise.resolve({ tenantId }) });

  it("downloads a tenant's month for a superadmin, and answers everyone else 404", async () => {
    await seedDay(world.a.id, "2025-11-03", { apiRequests: 12, flowRuns: 2 });
    await seedDay(world.b.id, "2025-11-03", { apiRequests: 99 });
    signInAs(await createUser("root-csv", { isSuperadmin: true }));
    const answer = await download(world.a.id, "2025-11");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(answer.headers.get("content-disposition")).toBe(`attachment; filename="usage-${world.a.slug}-2025-11.csv"`);
    const text = await answer.text();
    expect(text).toContain(`${world.a.slug},2025-11-03,12,2,,,`);
    expect(text).toContain(`${world.a.slug},total,12,2,,,`);
    // Nothing of tenant B: neither its day's count nor its slug (a field, not a substring: a slug's
    // random suffix may hold "99").
    expect(text.trimEnd().split("\n").flatMap((line) => line.split(","))).not.toContain("99");
    expect(text).not.toContain(world.b.slug);
    expect(text.trimEnd().split("\n")).toHaveLength(1 + 30 + 1);
    expect((await download(world.a.id, "2025-13")).status).toBe(400);
    for (const id of ["not-an-id", "00000000-0000-0000-0000-000000000000"]) expect((await download(id, "2025-11")).status).toBe(404);
    for (const caller of [world.adminA, null]) {
      signInAs(caller);
      expect((await download(world.a.id, "2025-11")).status).toBe(404);
      expect((await download(world.a.id, "nonsense")).status).toBe(404);
    }
  });

  it("answers a superadmin without two-factor, while the platform requires it, 403 and no CSV", async () => {
    await seedDay(world.a.id, "2025-10-03", { apiRequests: 7, flowRuns: 1 });
    const root = await createUser("root-2fa", { isSuperadmin: true });
    signInAs(root);
    await withPlatform({ superadminId: root.id }, (tx) => setSuperadminTwoFactorRequired(tx, true));
    try {
      const answer = await download(world.a.id, "2025-10");
      expect(answer.status).toBe(403);
      expect(await answer.text()).not.toContain(world.a.slug);
    } finally {
      await withPlatform({ superadminId: root.id }, (tx) => setSuperadminTwoFactorRequired(tx, false));
    }
    expect((await download(world.a.id, "2025-10")).status).toBe(200);
  });
});

describe("the Usage page's permission", () => {
  it("is the tenant's Admins' alone", () => {
    expect([can({ roles: ["viewer"] }, "usage.read"), can({ roles: ["editor"] }, "usage.read"), can({ roles: ["viewer", "editor"] }, "usage.read"), can({ roles: ["admin"] }, "usage.read")]).toEqual([
      false,
      false,
      false,
      true,
    ]);
  });
});

describe("formatBytes", () => {
  it("reads in SI units", () => {
    expect([formatBytes(0), formatBytes(999), formatBytes(1000), formatBytes(1_234_567), formatBytes(5e12)]).toEqual(["0 B", "999 B", "1.0 kB", "1.2 MB", "5.0 TB"]);
  });
});
