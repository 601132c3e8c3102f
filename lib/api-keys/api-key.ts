// API keys: `tnt_` + 32 random bytes (base64url), shown once. Only a SHA-256 of the key is stored: a
// key is 256 random bits, so no slow password hash is needed to keep it from being guessed back.
import { createHash, randomBytes } from "node:crypto";

export const API_KEY_PREFIX = "tnt_";

/** What a key looks like: the prefix and 43 base64url characters (32 bytes). */
export const API_KEY_PATTERN = /^tnt_[A-Za-z0-9_-]{43}$/;

export const newApiKey = () => `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;

export const hashApiKey = (key: string) => createHash("sha256").update(key, "utf8").digest("hex");
