// API keys: `tnt_` + 32 random bytes (base64url), shown once. Only a SHA-256 of the key is stored: a
// key is 256 random bits, so no slow password hash is needed to keep it from being guessed back.
import { createHash, randomBytes } from "node:crypto";

export const API_KEY_PREFIX = "tnt_";

/** What a key looks like: the prefix and 43 base64url characters (32 bytes). */
export const API_KEY_PATTERN = /^tnt_[A-Za-z0-9_-]{43}$/;

export const newApiKey = () => `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;

export const hashApiKey = (key: string) => createHash("sha256").update(key, "utf8").digest("hex");

/** What a caller whose key cannot be used (mistyped, revoked, expired) is told, at the door or in the write's transaction. */
export const API_KEY_UNUSABLE_MESSAGE = "The API key is not valid: it may be mistyped, revoked or expired.";
