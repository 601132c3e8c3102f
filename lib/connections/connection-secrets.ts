// A connection's secrets, sealed exactly like a credential's value (AES-256-GCM under SECRETS_KEY,
// lib/secrets/cipher.ts), as one JSON object bound to its tenant and row: copied into another row or
// tenant it does not decrypt. rotate-secrets-key re-encrypts them (lib/connections/rotation.ts).
import "server-only";
import { ActionError } from "../actions/core";
import { decryptBound, encryptBound, type EncryptedValue } from "../secrets/cipher";
import { SECRETS_KEY_MISSING_MESSAGE, SecretsKeyError, secretsKeyring, type Keyring } from "../secrets/keyring";
import type { ConnectionSecrets } from "./connection-config";
import { connectionSecretContext } from "./secret-context";

/** The keyring, or a refusal the form shows (a server without SECRETS_KEY stores no secret unencrypted). */
function keyringOrRefusal(): Keyring {
  try {
    return secretsKeyring();
  } catch (error) {
    if (!(error instanceof SecretsKeyError)) throw error;
    throw new ActionError("UNAVAILABLE", SECRETS_KEY_MISSING_MESSAGE);
  }
}

export function sealConnectionSecrets(tenantId: string, connectionId: string, secrets: ConnectionSecrets, keyring = keyringOrRefusal()): EncryptedValue {
  return encryptBound(keyring, connectionSecretContext(tenantId, connectionId), JSON.stringify(secrets));
}

export function openConnectionSecrets(tenantId: string, connectionId: string, value: EncryptedValue, keyring = keyringOrRefusal()): ConnectionSecrets {
  return JSON.parse(decryptBound(keyring, connectionSecretContext(tenantId, connectionId), value)) as ConnectionSecrets;
}
