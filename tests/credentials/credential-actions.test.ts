// Credentials through their server actions, attacked: every action × every kind of caller, another
// tenant's ids, malformed ids, row-level security on raw queries, and the stored rows and activity
// entries searched for the value.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { activity, credentials } from "@/db/schema";
import { decryptValue } from "@/lib/secrets/cipher";
import { secretsKeyring } from "@/lib/secrets/keyring";
import { adminOnlyMatrix, adminOnlyWorld, type MatrixWorld } from "../support/admin-only-matrix";
import { uniqueSuffix } from "../support/fixtures";
import { actingAs } from "../support/session";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { addCredential, replaceCredential, deleteCredential } = await import("@/app/t/[slug]/credentials/actions");
const { registeredActions } = await import("@/lib/actions/core");

type User = { id: string; email: string };
let world: MatrixWorld;

const rowsOf = (tenantId: string) => withTenant({ tenantId, userId: null }, (tx) => tx.select().from(credentials).where(eq(credentials.tenantId, tenantId)));
const rowById = async (tenantId: string, id: string) => (await rowsOf(tenantId)).find((row) => row.id === id) ?? null;
const entriesOf = (tenantId: string) => withTenant({ tenantId, userId: null }, (tx) => tx.select().from(activity).where(eq(activity.tenantId, tenantId)));
const valueOf = (row: typeof credentials.$inferSelect) => decryptValue(secretsKeyring(), { tenantId: row.tenantId, credentialId: row.id }, row);

/** Everything a credentials action could change in a tenant. */
async function snapshot(tenantId: string) {
  const [entries] = await withTenant({ tenantId, userId: null }, (tx) => tx.select({ value: count() }).from(activity).where(eq(activity.tenantId, tenantId)));
  return { credentials: (await rowsOf(tenantId)).sort((x, y) => x.id.localeCompare(y.id)), activityEntries: entries?.value };
}

/** A credential added by tenant's Admin through the action (so it is stored exactly as the app stores it). */
async function seedCredential(tenantId: string, slug: string, admin: User, value = `secret-${uniqueSuffix()}-value`) {
  const result = await actingAs(admin, () => addCredential(slug, null, { name: `cred-${uniqueSuffix()}`, value }));
  if (!result.ok) throw new Error(`setup: ${result.message}`);
  return { id: result.data.id, value };
}

beforeAll(async () => {
  world = await adminOnlyWorld();
});

// Each credentials action with a fresh target, and what its success must have done (the matrix of
// callers is in tests/support/admin-only-matrix.ts: only Admins manage credentials).
const ACTIONS = {
  "credential.create": {
    prepare: async () => ({ id: "", name: `new-${uniqueSuffix()}` }),
    call: (slug: string, t: { name: string }) => addCredential(slug, null, { name: t.name, value: "brand-new-secret-value", description: "For the nightly export" }),
    async succeeded(t: { name: string }) {
      const row = (await rowsOf(world.a.id)).find((r) => r.name === t.name);
      expect(row).toMatchObject({ description: "For the nightly export", valueLast4: "alue" });
      expect(valueOf(row!)).toBe("brand-new-secret-value");
    },
  },
  "credential.replace": {
    prepare: () => seedCredential(world.a.id, world.a.slug, world.adminA),
    call: (slug: string, t: { id: string }) => replaceCredential(slug, null, { credentialId: t.id, value: "replaced-value-9876" }),
    async succeeded(t: { id: string }) {
      const row = await rowById(world.a.id, t.id);
      expect(row?.valueLast4).toBe("9876");
      expect(valueOf(row!)).toBe("replaced-value-9876");
    },
  },
  "credential.delete": {
    prepare: () => seedCredential(world.a.id, world.a.slug, world.adminA),
    call: (slug: string, t: { id: string }) => deleteCredential(slug, null, { credentialId: t.id }),
    async succeeded(t: { id: string }) {
      expect(await rowById(world.a.id, t.id)).toBeNull();
    },
  },
};

describe("credentials actions × callers", () => {
  it("covers every credentials action there is, each needing credentials.manage", () => {
    const registered = [...registeredActions.keys()].filter((name) => name.startsWith("credential."));
    expect(registered.sort()).toEqual(Object.keys(ACTIONS).sort());
    for (const name of registered) expect(registeredActions.get(name)).toEqual({ scope: "tenant", permission: "credentials.manage" });
  });

  adminOnlyMatrix({ world: () => world, actions: ACTIONS, snapshot });
});

describe("another tenant's credentials", () => {
  it("A's Admin cannot replace or delete B's credential by its id (not found, B untouched)", async () => {
    const victim = await seedCredential(world.b.id, world.b.slug, world.adminB);
    const [beforeA, beforeB] = [await snapshot(world.a.id), await snapshot(world.b.id)];
    for (const result of [
      await actingAs(world.adminA, () => replaceCredential(world.a.slug, null, { credentialId: victim.id, value: "attacker-controlled" })),
      await actingAs(world.adminA, () => deleteCredential(world.a.slug, null, { credentialId: victim.id })),
    ]) {
      expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await snapshot(world.a.id)).toEqual(beforeA);
    expect(await snapshot(world.b.id)).toEqual(beforeB);
    expect(valueOf((await rowById(world.b.id, victim.id))!)).toBe(victim.value);
  });

  it("A's Admin aiming at B's slug is not found, whatever the id", async () => {
    const victim = await seedCredential(world.b.id, world.b.slug, world.adminB);
    const before = await snapshot(world.b.id);
    const result = await actingAs(world.adminA, () => deleteCredential(world.b.slug, null, { credentialId: victim.id }));
    expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await snapshot(world.b.id)).toEqual(before);
  });

  it("answers NOT_FOUND for ids that are not ids at all", async () => {
    const before = await snapshot(world.a.id);
    for (const credentialId of ["", "not-a-uuid", randomUUID(), "' or 1=1 --"]) {
      const result = await actingAs(world.adminA, () => deleteCredential(world.a.slug, null, { credentialId }));
      expect(result, credentialId).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await snapshot(world.a.id)).toEqual(before);
  });

  it("row-level security: raw queries in tenant A see, change and delete none of B's rows, and no scope sees any", async () => {
    const victim = await seedCredential(world.b.id, world.b.slug, world.adminB);
    const seen = await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.execute(sql`select id from credentials where id = ${victim.id}`));
    expect(JSON.stringify(seen)).not.toContain(victim.id);
    await withTenant({ tenantId: world.a.id, userId: null }, async (tx) => {
      await tx.update(credentials).set({ valueLast4: "hack" }).where(eq(credentials.id, victim.id));
      await tx.delete(credentials).where(eq(credentials.id, victim.id));
    });
    expect((await rowById(world.b.id, victim.id))?.valueLast4).toBe(victim.value.slice(-4));
    // Without a tenant (sign-in lookups, the mail worker's kind of scope) there are no rows at all.
    expect(await withSystem((tx) => tx.select({ id: credentials.id }).from(credentials))).toEqual([]);
    // Writing a row into another tenant from A's scope is refused by the policy's WITH CHECK.
    const sealed = (await rowById(world.b.id, victim.id))!;
    await expect(
      withTenant({ tenantId: world.a.id, userId: null }, (tx) =>
        tx.insert(credentials).values({ ...sealed, id: randomUUID(), name: `planted-${uniqueSuffix()}` }),
      ),
    ).rejects.toThrow();
  });
});

describe("values at rest", () => {
  it("the raw credentials table holds no plaintext value, and the activity entries hold no value at all", async () => {
    const value = `sk_live_${uniqueSuffix()}${uniqueSuffix()}_PLAINTEXT_MARKER`;
    const { id } = await seedCredential(world.a.id, world.a.slug, world.adminA, value);
    await actingAs(world.adminA, () => replaceCredential(world.a.slug, null, { credentialId: id, value: `${value}_REPLACED` }));
    // Every column of every row, as PostgreSQL renders the row.
    const raw = JSON.stringify(await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.execute(sql`select c::text as row from credentials c`)));
    expect(raw).toContain(id);
    for (const needle of [value, "PLAINTEXT_MARKER", Buffer.from(value).toString("base64").slice(0, 16), Buffer.from(value).toString("hex").slice(0, 16)]) {
      expect(raw).not.toContain(needle);
    }
    const log = JSON.stringify((await entriesOf(world.a.id)).filter((entry) => entry.targetId === id));
    expect(log).toContain("credential.created");
    expect(log).toContain("credential.replaced");
    expect(log).not.toContain("PLAINTEXT_MARKER");
    expect(log).not.toContain("ACED"); // the last 4 of the replaced value ("..._REPLACED") are not logged either
  });

  it("refuses a second credential with the same name, next to the field, and keeps the first value", async () => {
    const name = `dup-${uniqueSuffix()}`;
    const first = await actingAs(world.adminA, () => addCredential(world.a.slug, null, { name, value: "first-value-1111" }));
    const second = await actingAs(world.adminA, () => addCredential(world.a.slug, null, { name, value: "second-value-2222" }));
    expect(first).toMatchObject({ ok: true });
    expect(second).toMatchObject({ ok: false, code: "CONFLICT", fieldErrors: { name: ["A credential with this name already exists in this tenant."] } });
    const rows = (await rowsOf(world.a.id)).filter((row) => row.name === name);
    expect(rows.map(valueOf)).toEqual(["first-value-1111"]);
  });

  it("refuses an empty name or value next to the field, changing nothing", async () => {
    const before = await snapshot(world.a.id);
    const result = await actingAs(world.adminA, () => addCredential(world.a.slug, null, { name: "  ", value: "" }));
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(result.ok ? null : result.fieldErrors).toMatchObject({ name: ["Enter a name for the credential."], value: ["Enter the value."] });
    expect(await snapshot(world.a.id)).toEqual(before);
  });
});

describe("a production server without SECRETS_KEY", () => {
  it("starts, and refuses to store a value, saying why next to the field, with nothing written", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("SECRETS_KEY", "");
    try {
      const before = await snapshot(world.a.id);
      const result = await actingAs(world.adminA, () => addCredential(world.a.slug, null, { name: `nokey-${uniqueSuffix()}`, value: "never-stored-in-clear" }));
      expect(result).toMatchObject({ ok: false, code: "UNAVAILABLE", fieldErrors: { value: [expect.stringMatching(/SECRETS_KEY/)] } });
      expect(await snapshot(world.a.id)).toEqual(before);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
