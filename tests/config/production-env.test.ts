// Production refuses to start without its configuration, with one line naming what is missing.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SECRETS_KEY = randomBytes(32).toString("base64");
const COMPLETE = {
  NODE_ENV: "production" as const,
  DATABASE_URL: "postgres://db/x",
  SMTP_URL: "smtp://mail:25",
  AUTH_SECRET: "s".repeat(40),
  AUTH_URL: "https://console.example.com/",
  SECRETS_KEY,
};

describe("production configuration", () => {
  it("names every missing variable", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(
      "Missing required environment variables: DATABASE_URL, SMTP_URL, AUTH_SECRET, AUTH_URL",
    );
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/x", AUTH_SECRET: "x".repeat(32), AUTH_URL: "https://console.example.com", SECRETS_KEY })).toThrow(
      "Missing required environment variable: SMTP_URL",
    );
    // Without the public address, mailed links would follow the request's Host header (issue 10, item 1).
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/x", SMTP_URL: "smtp://mail:25", AUTH_SECRET: "x".repeat(32), SECRETS_KEY })).toThrow(
      "Missing required environment variable: AUTH_URL",
    );
    // Without the secrets key the server still starts; only credentials are unavailable (issue 13, item 1).
    expect(parseEnv({ ...COMPLETE, SECRETS_KEY: undefined })).toMatchObject({ isProduction: true });
  });

  it("rejects a malformed value with its name", () => {
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/x", SMTP_URL: "smtp://mail:25", AUTH_SECRET: "short" })).toThrow(
      /AUTH_SECRET: AUTH_SECRET must be at least 32 characters/,
    );
  });

  it("rejects a secrets key that is not 32 bytes of base64", () => {
    for (const bad of ["short", Buffer.alloc(31).toString("base64"), Buffer.alloc(33).toString("base64"), "!".repeat(44)]) {
      expect(() => parseEnv({ ...COMPLETE, SECRETS_KEY: bad }), bad).toThrow(/SECRETS_KEY: must be 32 random bytes, base64 encoded/);
      expect(() => parseEnv({ ...COMPLETE, SECRETS_KEY_PREVIOUS: bad }), bad).toThrow(/SECRETS_KEY_PREVIOUS: must be 32 random bytes/);
    }
    expect(parseEnv({ ...COMPLETE, SECRETS_KEY: randomBytes(32).toString("base64url") })).toMatchObject({ isProduction: true });
  });

  it("accepts a complete production configuration and gives development defaults", () => {
    const production = parseEnv(COMPLETE);
    expect(production).toMatchObject({ isProduction: true, smtpUrl: "smtp://mail:25", appUrl: "https://console.example.com" });
    expect(parseEnv({ NODE_ENV: "development" })).toMatchObject({ isProduction: false, smtpUrl: "smtp://127.0.0.1:1025" });
  });

  it("`npm start`'s check exits with a single line naming the missing variables", () => {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production" as const, SMTP_URL: "smtp://mail:25" };
    const result = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/check-production-env.ts"], { cwd: ROOT, env, encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      "Cannot start Tenantry in production: missing required environment variables: DATABASE_URL, AUTH_SECRET, AUTH_URL",
    ]);
  });
});
