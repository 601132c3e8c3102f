// `npm run admin -- rotate-secrets-key`: re-encrypts every credential value that is not yet under the
// current SECRETS_KEY, in every tenant, in one transaction (all values move, or none do). Values under
// SECRETS_KEY_PREVIOUS are decrypted with it; a value under a key the keyring does not hold stops the
// rotation with nothing changed. The values themselves, their last 4 characters and who changed them
// stay as they were. The platform log records the rotation (never a value or a key).
import { asc } from "drizzle-orm";
import { enterTenant, withSystem } from "@/db/scopes";
import { lockEncryptedValues, storeReencryptedValue } from "@/db/queries/credentials";
import { recordPlatformActivity } from "@/db/queries/activity/platform-log";
import { tenants } from "@/db/schema";
import { decryptValue, encryptValue } from "../secrets/cipher";
import { keyById, secretsKeyring, type Keyring } from "../secrets/keyring";
import { reencryptIntegrationSecrets } from "../integrations/rotation";
import { reencryptOidcClientSecret } from "../sso/oidc-rotation";
import { reencryptTwoFactorSecrets } from "../two-factor/rotation";
import { reencryptConnectionSecrets } from "../connections/rotation";

export interface RotationOutcome {
  keyId: string;
  reencrypted: number;
  alreadyCurrent: number;
  /** Users' TOTP secrets re-encrypted (lib/two-factor/rotation.ts). */
  twoFactorSecrets: number;
  /** HS256 integrations' secrets re-encrypted (lib/integrations/rotation.ts). */
  integrationSecrets: number;
  /** Tenants' OpenID Connect client secrets re-encrypted (lib/sso/oidc-rotation.ts). */
  oidcClientSecrets: number;
  /** Connections' secrets re-encrypted (lib/connections/rotation.ts). */
  connectionSecrets: number;
}

export class UnknownSecretsKeyError extends Error {}

export async function rotateSecretsKey(keyring: Keyring = secretsKeyring()): Promise<RotationOutcome> {
  return withSystem(async (tx) => {
    const tenantIds = (await tx.select({ id: tenants.id }).from(tenants).orderBy(asc(tenants.id))).map((t) => t.id);
    const outcome: RotationOutcome = { keyId: keyring.current.id, reencrypted: 0, alreadyCurrent: 0, twoFactorSecrets: 0, integrationSecrets: 0, oidcClientSecrets: 0, connectionSecrets: 0 };
    for (const tenantId of tenantIds) {
      const inTenant = await enterTenant(tx, { tenantId, userId: null });
      for (const row of await lockEncryptedValues(inTenant)) {
        if (row.keyId === keyring.current.id) {
          outcome.alreadyCurrent += 1;
          continue;
        }
        if (!keyById(keyring, row.keyId)) {
          throw new UnknownSecretsKeyError(
            `A credential value is encrypted under key ${row.keyId}, which is neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS. ` +
              "Set SECRETS_KEY_PREVIOUS to that key and run the command again; nothing was changed.",
          );
        }
        const owner = { tenantId, credentialId: row.id };
        await storeReencryptedValue(inTenant, row.id, encryptValue(keyring, owner, decryptValue(keyring, owner, row)));
        outcome.reencrypted += 1;
      }
      outcome.oidcClientSecrets += await reencryptOidcClientSecret(
        inTenant,
        keyring,
        (keyId) =>
          new UnknownSecretsKeyError(
            `An OpenID Connect client secret is encrypted under key ${keyId}, which is neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS. ` +
              "Set SECRETS_KEY_PREVIOUS to that key and run the command again; nothing was changed.",
          ),
      );
      outcome.connectionSecrets += await reencryptConnectionSecrets(
        inTenant,
        keyring,
        (keyId) =>
          new UnknownSecretsKeyError(
            `A connection's secrets are encrypted under key ${keyId}, which is neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS. ` +
              "Set SECRETS_KEY_PREVIOUS to that key and run the command again; nothing was changed.",
          ),
      );
    }
    outcome.twoFactorSecrets = await reencryptTwoFactorSecrets(
      tx,
      keyring,
      (keyId) =>
        new UnknownSecretsKeyError(
          `A two-factor secret is encrypted under key ${keyId}, which is neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS. ` +
            "Set SECRETS_KEY_PREVIOUS to that key and run the command again; nothing was changed.",
        ),
    );
    outcome.integrationSecrets = await reencryptIntegrationSecrets(
      tx,
      keyring,
      (keyId) =>
        new UnknownSecretsKeyError(
          `An integration secret is encrypted under key ${keyId}, which is neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS. ` +
            "Set SECRETS_KEY_PREVIOUS to that key and run the command again; nothing was changed.",
        ),
    );
    await recordPlatformActivity(tx, {
      actorUserId: null,
      actorEmail: null,
      action: "secrets.key_rotated",
      summary: `Re-encrypted ${outcome.reencrypted} credential values under the secrets key ${outcome.keyId} (from the command line)`,
      details: { ...outcome, via: "command line" },
    });
    return outcome;
  });
}
