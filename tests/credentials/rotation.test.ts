// `npm run admin -- rotate-secrets-key`: every value moves from the previous key to the current one,
// in every tenant, unchanged; a value under a key the keyring does not hold stops it with nothing changed.
// Rotation walks every tenant: on PostgreSQL this file gets a database of its own, so other files'
// credentials (under the development key) are not in its way.
import "../support/own-database";
import { randomBytes } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { credentials, platformActivity } from "@/db/schema";
import { runAdminCommand } from "@/lib/admin-commands";
import { decryptValue } from "@/lib/secrets/cipher";
import { secretsKeyring } from "@/lib/secrets/keyring";
import { createTwoTenants, uniqueSuffix } from "../support/fixtures";
import { actingAs } from "../support/session";
import { platformLogWhere } from "../support/platform-log";

vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { addCredential } = await import("@/app/t/[slug]/credentials/actions");

const newKey = () => randomBytes(32).toString("base64");
const [OLD_KEY, NEW_KEY, STRAY_KEY] = [newKey(), newKey(), newKey()];
let world: Awaited<ReturnType<typeof createTwoTenants>>;

const rowsOf = (tenantId: string) => withTenant({ tenantId, userId: null }, (tx) => tx.select().from(credentials).where(eq(credentials.tenantId, tenantId)));

function useKeys(current: string, previous?: string) {
  vi.stubEnv("SECRETS_KEY", current);
  vi.stubEnv("SECRETS_KEY_PREVIOUS", previous ?? "");
}

async function add(slug: string, admin: { id: string; email: string }, value: string) {
  const result = await actingAs(admin, () => addCredential(slug, null, { name: `rot-${uniqueSuffix()}`, value }));
  if (!result.ok) throw new Error(`setup: ${result.message}`);
}

beforeAll(async () => {
  world = await createTwoTenants();
});
afterEach(() => vi.unstubAllEnvs());

describe("rotate-secrets-key", () => {
  it("re-encrypts every tenant's values under the new key, values and what is shown unchanged", async () => {
    useKeys(OLD_KEY);
    await add(world.a.slug, world.adminA, "alpha-secret-value-1");
    await add(world.b.slug, world.adminB, "beta-secret-value-2");
    const before = [...(await rowsOf(world.a.id)), ...(await rowsOf(world.b.id))];
    const oldId = secretsKeyring().current.id;
    expect(before.map((row) => row.keyId)).toEqual([oldId, oldId]);

    useKeys(NEW_KEY, OLD_KEY);
    const newId = secretsKeyring().current.id;
    const result = await runAdminCommand(["rotate-secrets-key"]);
    expect(result).toMatchObject({ exitCode: 0 });
    expect(result.message).toBe(`Re-encrypted 2 credential values under the key ${newId} (0 already under it). SECRETS_KEY_PREVIOUS is no longer needed.`);
    // The platform log records the rotation: how many values, under which key id; never a key.
    const entries = await platformLogWhere(eq(platformActivity.action, "secrets.key_rotated"));
    expect(entries).toMatchObject([
      {
        actorUserId: null,
        actorEmail: null,
        summary: `Re-encrypted 2 credential values under the secrets key ${newId} (from the command line)`,
        details: { keyId: newId, reencrypted: 2, alreadyCurrent: 0, via: "command line" },
      },
    ]);
    expect(JSON.stringify(entries)).not.toContain(NEW_KEY);
    expect(JSON.stringify(entries)).not.toContain(OLD_KEY);

    const after = [...(await rowsOf(world.a.id)), ...(await rowsOf(world.b.id))];
    expect(after.map((row) => row.keyId)).toEqual([newId, newId]);
    expect(after.map((row) => row.ciphertext)).not.toEqual(before.map((row) => row.ciphertext));
    expect(after.map((row) => [row.valueLast4, row.updatedByEmail, row.updatedAt])).toEqual(before.map((row) => [row.valueLast4, row.updatedByEmail, row.updatedAt]));
    // Readable with the new key alone: the old one can be dropped.
    const newOnly = secretsKeyring({ SECRETS_KEY: NEW_KEY });
    expect(after.map((row) => decryptValue(newOnly, { tenantId: row.tenantId, credentialId: row.id }, row))).toEqual(["alpha-secret-value-1", "beta-secret-value-2"]);

    // Running it again changes nothing.
    const again = await runAdminCommand(["rotate-secrets-key"]);
    expect(again.message).toBe(`Re-encrypted 0 credential values under the key ${newId} (2 already under it). SECRETS_KEY_PREVIOUS is no longer needed.`);
    expect((await rowsOf(world.a.id)).map((row) => row.ciphertext)).toEqual(after.filter((row) => row.tenantId === world.a.id).map((row) => row.ciphertext));
  });

  it("stops with nothing changed when a value is under a key the keyring does not hold", async () => {
    useKeys(STRAY_KEY);
    await add(world.a.slug, world.adminA, "under-a-stray-key");
    const before = [...(await rowsOf(world.a.id)), ...(await rowsOf(world.b.id))];
    useKeys(NEW_KEY, OLD_KEY);
    const result = await runAdminCommand(["rotate-secrets-key"]);
    expect(result.exitCode).toBe(1);
    expect(result.message).toMatch(/neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS.*nothing was changed/);
    expect([...(await rowsOf(world.a.id)), ...(await rowsOf(world.b.id))]).toEqual(before);
  });

  it("refuses extra arguments", async () => {
    expect(await runAdminCommand(["rotate-secrets-key", "--now"])).toMatchObject({ exitCode: 1 });
  });
});
