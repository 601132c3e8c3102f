// rotate-secrets-key moves connections' secrets to the new key too, in every tenant, unchanged; a
// connection under a key the keyring does not hold stops the rotation with nothing changed. Rotation
// walks every tenant: this file gets a database of its own.
import "../support/own-database";
import { randomBytes } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { runAdminCommand } from "@/lib/admin-commands";
import { createTwoTenants } from "../support/fixtures";
import { connectionRows, httpApiFields, secretsOf, seedConnection } from "./connections-support";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createConnection } = await import("@/app/t/[slug]/connections/actions");

const newKey = () => randomBytes(32).toString("base64");
const [OLD_KEY, NEW_KEY, STRAY_KEY] = [newKey(), newKey(), newKey()];
let world: Awaited<ReturnType<typeof createTwoTenants>>;

function useKeys(current: string, previous?: string) {
  vi.stubEnv("SECRETS_KEY", current);
  vi.stubEnv("SECRETS_KEY_PREVIOUS", previous ?? "");
}

beforeAll(async () => {
  world = await createTwoTenants();
});
afterEach(() => vi.unstubAllEnvs());

describe("rotate-secrets-key and connections", () => {
  it("re-encrypts every tenant's connection secrets under the new key, secrets unchanged", async () => {
    useKeys(OLD_KEY);
    await seedConnection(createConnection, world.a.slug, world.adminA, httpApiFields("https://api.example.com", "token-of-a"));
    await seedConnection(createConnection, world.b.slug, world.adminB, httpApiFields("https://api.example.com", "token-of-b"));
    const before = [...(await connectionRows(world.a.id)), ...(await connectionRows(world.b.id))];

    useKeys(NEW_KEY, OLD_KEY);
    const outcome = await runAdminCommand(["rotate-secrets-key"]);
    expect(outcome).toMatchObject({ exitCode: 0, message: expect.stringMatching(/2 connections' secrets/) });

    const after = [...(await connectionRows(world.a.id)), ...(await connectionRows(world.b.id))];
    expect(after.map((row) => row.ciphertext)).not.toEqual(before.map((row) => row.ciphertext));
    expect(new Set(after.map((row) => row.keyId)).size).toBe(1);
    expect(after[0]!.keyId).not.toBe(before[0]!.keyId);
    // Readable with the new key alone.
    useKeys(NEW_KEY);
    expect(after.map((row) => secretsOf(row).token)).toEqual(["token-of-a", "token-of-b"]);
  });

  it("stops with nothing changed when a connection is under a key the keyring does not hold", async () => {
    useKeys(STRAY_KEY);
    await seedConnection(createConnection, world.a.slug, world.adminA, httpApiFields("https://api.example.com", "stray-token"));
    const before = await connectionRows(world.a.id);
    useKeys(NEW_KEY, OLD_KEY);
    const outcome = await runAdminCommand(["rotate-secrets-key"]);
    expect(outcome.exitCode).not.toBe(0);
    expect(outcome.message).toMatch(/connection's secrets are encrypted under key/);
    expect(await connectionRows(world.a.id)).toEqual(before);
  });
});
