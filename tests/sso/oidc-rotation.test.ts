// rotate-secrets-key moves tenants' OpenID Connect client secrets to the new SECRETS_KEY: after the
// rotation, with the old key gone, the secret still decrypts (and its row is under the new key).
import "../support/own-database";
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { findOidcConfig, upsertOidcConfig } from "@/db/queries/oidc";
import { withTenant } from "@/db/scopes";
import { runAdminCommand } from "@/lib/admin-commands";
import { secretsKeyring } from "@/lib/secrets/keyring";
import { decryptOidcClientSecret, encryptOidcClientSecret } from "@/lib/sso/oidc-secret";
import { createTenant } from "../support/fixtures";

const newKey = () => randomBytes(32).toString("base64");
const [OLD_KEY, NEW_KEY] = [newKey(), newKey()];

function useKeys(current: string, previous?: string) {
  vi.stubEnv("SECRETS_KEY", current);
  vi.stubEnv("SECRETS_KEY_PREVIOUS", previous ?? "");
}

afterEach(() => vi.unstubAllEnvs());

describe("rotate-secrets-key and OpenID Connect client secrets", () => {
  it("re-encrypts them under the new key; they decrypt with the old key gone", async () => {
    useKeys(OLD_KEY);
    const tenant = await createTenant("oidc-rotated");
    const configOf = () => withTenant({ tenantId: tenant.id, userId: null }, (tx) => findOidcConfig(tx));
    await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      upsertOidcConfig(tx, { issuer: "https://op.rotated.example.test", clientId: "tenantry", ...encryptOidcClientSecret(tenant.id, "the client secret") }),
    );
    // Before the rotation, the new key alone cannot read it.
    useKeys(NEW_KEY);
    const before = (await configOf())!;
    expect(() => decryptOidcClientSecret(before)).toThrow(/No key with id/);

    useKeys(NEW_KEY, OLD_KEY);
    const newId = secretsKeyring().current.id;
    const result = await runAdminCommand(["rotate-secrets-key"]);
    expect(result.message).toBe(`Re-encrypted 0 credential values and 1 OpenID Connect client secret under the key ${newId} (0 already under it). SECRETS_KEY_PREVIOUS is no longer needed.`);

    useKeys(NEW_KEY);
    const after = (await configOf())!;
    expect(after.secretKeyId).toBe(newId);
    expect(decryptOidcClientSecret(after)).toBe("the client secret");
    // Run again: nothing left to move.
    expect((await runAdminCommand(["rotate-secrets-key"])).message).toMatch(/^Re-encrypted 0 credential values under the key/);
  });
});
