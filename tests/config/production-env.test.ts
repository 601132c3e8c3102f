// Production refuses to start without its configuration, with one line naming what is missing.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("production configuration", () => {
  it("names every missing variable", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(
      "Missing required environment variables: DATABASE_URL, SMTP_URL, AUTH_SECRET, AUTH_URL",
    );
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/x", AUTH_SECRET: "x".repeat(32), AUTH_URL: "https://console.example.com" })).toThrow(
      "Missing required environment variable: SMTP_URL",
    );
    // Without the public address, mailed links would follow the request's Host header (issue 10, item 1).
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/x", SMTP_URL: "smtp://mail:25", AUTH_SECRET: "x".repeat(32) })).toThrow(
      "Missing required environment variable: AUTH_URL",
    );
  });

  it("rejects a malformed value with its name", () => {
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/x", SMTP_URL: "smtp://mail:25", AUTH_SECRET: "short" })).toThrow(
      /AUTH_SECRET: AUTH_SECRET must be at least 32 characters/,
    );
  });

  it("accepts a complete production configuration and gives development defaults", () => {
    const production = parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/x", SMTP_URL: "smtp://mail:25", AUTH_SECRET: "s".repeat(40), AUTH_URL: "https://console.example.com/" });
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
