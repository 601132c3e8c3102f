import { z } from "zod";
import { SecretsKeySchema } from "./secrets/keyring";

// Configuration, read from the environment and checked once. In production the secrets-bearing
// settings and the public address are required; in development and the demo they have local defaults.
// AUTH_URL is required because links in mail must never be built from a request's Host header.
// SECRETS_KEY is not among them: without it the server runs and only credentials are unavailable (their
// forms say so), so adding the feature does not stop an existing deployment from starting.
export const REQUIRED_IN_PRODUCTION = ["DATABASE_URL", "SMTP_URL", "AUTH_SECRET", "AUTH_URL"] as const;

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().trim().min(1).optional(),
  SMTP_URL: z.string().trim().url("SMTP_URL must be a URL such as smtp://user:pass@host:587").optional(),
  AUTH_SECRET: z.string().trim().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  MAIL_FROM: z.string().trim().min(3).default("Tenantry <no-reply@tenantry.localhost>"),
  // The app's public address (Auth.js reads it too). Links in mail and redirects use it; unset
  // (development only), http://localhost:3000.
  AUTH_URL: z.string().trim().url("AUTH_URL must be a URL such as https://console.example.com").optional(),
  // The key credential values are encrypted under, and during a rotation the one before it
  // (lib/secrets/keyring.ts reads them).
  SECRETS_KEY: SecretsKeySchema.optional(),
  SECRETS_KEY_PREVIOUS: SecretsKeySchema.optional(),
});

export type Env = {
  isProduction: boolean;
  databaseUrl: string | undefined;
  smtpUrl: string;
  authSecret: string;
  mailFrom: string;
  appUrl: string | undefined;
};

/** Names of required variables that are missing, for a production start. */
export function missingProductionVariables(source: NodeJS.ProcessEnv = process.env): string[] {
  return REQUIRED_IN_PRODUCTION.filter((name) => !source[name]?.trim());
}

export class EnvError extends Error {}

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  }
  const env = parsed.data;
  const isProduction = env.NODE_ENV === "production";
  if (isProduction) {
    const missing = missingProductionVariables(source);
    if (missing.length) throw new EnvError(`Missing required environment variable${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}`);
  }
  return {
    isProduction,
    databaseUrl: env.DATABASE_URL,
    smtpUrl: env.SMTP_URL ?? "smtp://127.0.0.1:1025",
    // Development only: production refuses to start without a real secret (above).
    authSecret: env.AUTH_SECRET ?? "tenantry-development-secret-not-for-production-use",
    mailFrom: env.MAIL_FROM,
    appUrl: env.AUTH_URL ? new URL(env.AUTH_URL).origin : undefined,
  };
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}
