// The credential cipher and keyring on their own: values decrypt only with their key, in their place,
// untampered; the keyring reads SECRETS_KEY / SECRETS_KEY_PREVIOUS and refuses malformed keys.
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptValue, encryptValue } from "@/lib/secrets/cipher";
import { keyIdOf, secretsKeyring, SecretsKeyError } from "@/lib/secrets/keyring";
import { shownTailOf } from "@/lib/credentials/credential-input";

const newKey = () => randomBytes(32).toString("base64");
const owner = { tenantId: randomUUID(), credentialId: randomUUID() };

describe("credential cipher", () => {
  it("round-trips a value, with a fresh IV each time and no plaintext in what is stored", () => {
    const keyring = secretsKeyring({ SECRETS_KEY: newKey() });
    const value = "sk_live_4eC39HqLyjWDarjtT1zdp7dc ünïcødé";
    const [first, second] = [encryptValue(keyring, owner, value), encryptValue(keyring, owner, value)];
    expect(decryptValue(keyring, owner, first)).toBe(value);
    expect(first.iv).not.toBe(second.iv);
    expect(first.ciphertext).not.toBe(second.ciphertext);
    expect(first.keyId).toBe(keyring.current.id);
    expect(JSON.stringify(first)).not.toContain("sk_live");
    expect(JSON.stringify(first)).not.toContain(Buffer.from(value).toString("base64").slice(0, 12));
  });

  it("refuses a changed ciphertext, tag or IV instead of answering a wrong value", () => {
    const keyring = secretsKeyring({ SECRETS_KEY: newKey() });
    const sealed = encryptValue(keyring, owner, "correct horse battery staple");
    const flip = (base64: string) => {
      const bytes = Buffer.from(base64, "base64");
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString("base64");
    };
    expect(() => decryptValue(keyring, owner, { ...sealed, ciphertext: flip(sealed.ciphertext) })).toThrow();
    expect(() => decryptValue(keyring, owner, { ...sealed, authTag: flip(sealed.authTag) })).toThrow();
    expect(() => decryptValue(keyring, owner, { ...sealed, iv: flip(sealed.iv) })).toThrow();
    // A truncated tag is not accepted as a shorter check.
    expect(() => decryptValue(keyring, owner, { ...sealed, authTag: Buffer.from(sealed.authTag, "base64").subarray(0, 4).toString("base64") })).toThrow();
  });

  it("binds a value to its tenant and row: copied elsewhere, it does not decrypt", () => {
    const keyring = secretsKeyring({ SECRETS_KEY: newKey() });
    const sealed = encryptValue(keyring, owner, "tenant A's secret");
    expect(() => decryptValue(keyring, { ...owner, tenantId: randomUUID() }, sealed)).toThrow();
    expect(() => decryptValue(keyring, { ...owner, credentialId: randomUUID() }, sealed)).toThrow();
  });

  it("decrypts with the previous key during a rotation, and not at all with an unknown key", () => {
    const [oldKey, newerKey] = [newKey(), newKey()];
    const sealed = encryptValue(secretsKeyring({ SECRETS_KEY: oldKey }), owner, "rotate me");
    expect(decryptValue(secretsKeyring({ SECRETS_KEY: newerKey, SECRETS_KEY_PREVIOUS: oldKey }), owner, sealed)).toBe("rotate me");
    // As with SECRETS_KEY, whitespace around the previous key (a pasted line) is no part of it.
    expect(decryptValue(secretsKeyring({ SECRETS_KEY: newerKey, SECRETS_KEY_PREVIOUS: ` ${oldKey}\n` }), owner, sealed)).toBe("rotate me");
    expect(() => decryptValue(secretsKeyring({ SECRETS_KEY: newerKey }), owner, sealed)).toThrow(/No key with id/);
  });

  it("names each key by a fingerprint, and refuses malformed keys and a production without one", () => {
    const key = randomBytes(32);
    const keyring = secretsKeyring({ SECRETS_KEY: key.toString("base64url") });
    expect(keyring.current.id).toBe(keyIdOf(key));
    expect(keyring.current.id).toMatch(/^[0-9a-f]{16}$/);
    expect(secretsKeyring({ SECRETS_KEY: key.toString("base64") }).current.id).toBe(keyring.current.id);
    expect(() => secretsKeyring({ SECRETS_KEY: "too short" })).toThrow(
      new SecretsKeyError("SECRETS_KEY must be 32 random bytes, base64 encoded (openssl rand -base64 32)"),
    );
    // Padding or whitespace around the value is fine; anything inside that is not base64 is refused,
    // not skipped over (Node.js would decode the rest to a key the operator never chose).
    expect(secretsKeyring({ SECRETS_KEY: ` ${key.toString("base64")}\n` }).current.id).toBe(keyring.current.id);
    const base64 = key.toString("base64");
    for (const garbled of [`${base64.slice(0, 20)}*${base64.slice(20)}`, `${base64.slice(0, 20)} ${base64.slice(20)}`, `${base64}.`]) {
      expect(() => secretsKeyring({ SECRETS_KEY: garbled }), garbled).toThrow(SecretsKeyError);
    }
    expect(() => secretsKeyring({ SECRETS_KEY: newKey(), SECRETS_KEY_PREVIOUS: randomBytes(16).toString("base64") })).toThrow(/SECRETS_KEY_PREVIOUS/);
    expect(() => secretsKeyring({ NODE_ENV: "production" })).toThrow(/SECRETS_KEY is not set/);
    // Outside production a fixed development key stands in.
    expect(secretsKeyring({}).current.id).toBe(secretsKeyring({ NODE_ENV: "test" }).current.id);
  });
});

describe("the shown part of a value", () => {
  it("is the last 4 characters, and nothing of a value too short to hide the rest", () => {
    expect(shownTailOf("sk_live_abcdef1234")).toBe("1234");
    expect(shownTailOf("12345678")).toBe("5678");
    expect(shownTailOf("1234567")).toBe("");
    expect(shownTailOf("pin1")).toBe("");
    // Characters, not UTF-16 units: an emoji is one.
    expect(shownTailOf("passphrase-🔑🔑🔑🔑")).toBe("🔑🔑🔑🔑");
  });
});
