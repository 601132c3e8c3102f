// The users' TOTP secrets are under SECRETS_KEY like credential values: rotate-secrets-key moves them
// to the new key too (or, with one under a key it does not hold, nothing at all), so removing
// SECRETS_KEY_PREVIOUS afterwards locks nobody out.
import "../support/own-database";
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { withSystem } from "@/db/scopes";
import { userTwoFactor } from "@/db/schema";
import { runAdminCommand } from "@/lib/admin-commands";
import { secretsKeyring } from "@/lib/secrets/keyring";
import { startEnrolment, twoFactorState } from "@/lib/two-factor/enrolment";
import { createUser } from "../support/fixtures";

const newKey = () => randomBytes(32).toString("base64");
const [OLD_KEY, NEW_KEY, STRAY_KEY] = [newKey(), newKey(), newKey()];

function useKeys(current: string, previous?: string) {
  vi.stubEnv("SECRETS_KEY", current);
  vi.stubEnv("SECRETS_KEY_PREVIOUS", previous ?? "");
}

afterEach(() => vi.unstubAllEnvs());

async function enrolling(label: string) {
  const user = await createUser(label);
  const secret = await withSystem(async (tx) => {
    await startEnrolment(tx, user.id);
    const state = await twoFactorState(tx, user);
    return state.status === "pending" ? state.enrolment.secret : null;
  });
  return { user, secret };
}

const rowOf = async (userId: string) => (await withSystem((tx) => tx.select().from(userTwoFactor).where(eq(userTwoFactor.userId, userId))))[0]!;

describe("rotate-secrets-key and two-factor secrets", () => {
  it("re-encrypts them under the new key; they read back unchanged with the old key gone", async () => {
    useKeys(OLD_KEY);
    const { user, secret } = await enrolling("rotated");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const before = await rowOf(user.id);

    useKeys(NEW_KEY, OLD_KEY);
    const newId = secretsKeyring().current.id;
    const result = await runAdminCommand(["rotate-secrets-key"]);
    expect(result).toMatchObject({ exitCode: 0 });
    expect(result.message).toBe(`Re-encrypted 0 credential values and 1 two-factor secret under the key ${newId} (0 already under it). SECRETS_KEY_PREVIOUS is no longer needed.`);
    const after = await rowOf(user.id);
    expect(after.keyId).toBe(newId);
    expect(after.ciphertext).not.toBe(before.ciphertext);

    useKeys(NEW_KEY);
    const state = await withSystem((tx) => twoFactorState(tx, user));
    expect(state).toMatchObject({ status: "pending", enrolment: { secret } });
    // Again: nothing left to move.
    useKeys(NEW_KEY, OLD_KEY);
    expect((await runAdminCommand(["rotate-secrets-key"])).message).toMatch(/^Re-encrypted 0 credential values under/);
  });

  it("changes nothing when a secret is under a key the keyring does not hold, and names it", async () => {
    useKeys(STRAY_KEY);
    const stray = await enrolling("stray");
    const strayId = secretsKeyring().current.id;
    useKeys(NEW_KEY, OLD_KEY);
    const other = await enrolling("current");
    useKeys(OLD_KEY);
    const old = await enrolling("old");
    const before = await rowOf(old.user.id);

    useKeys(NEW_KEY, OLD_KEY);
    const result = await runAdminCommand(["rotate-secrets-key"]);
    expect(result.exitCode).not.toBe(0);
    expect(result.message).toContain(`A two-factor secret is encrypted under key ${strayId}`);
    expect(await rowOf(old.user.id)).toEqual(before);
    expect((await rowOf(stray.user.id)).keyId).toBe(strayId);
    expect((await rowOf(other.user.id)).keyId).toBe(secretsKeyring().current.id);
  });
});
