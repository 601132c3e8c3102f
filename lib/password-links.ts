// One-time links that let an account set (or replace) its password: from "Set password" on the
// profile page, or from a welcome mail. Only a SHA-256 of the token is stored; the token itself exists
// only in the mail. Opening the link spends nothing (mail scanners GET it); the form's POST does.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { insertPasswordToken } from "@/db/queries/password-tokens";
import type { Tx } from "@/db/scopes";

export const PASSWORD_LINK_MINUTES = 60;

export function hashPasswordToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Stores a new token for the account and returns it (256 random bits); valid once, for `minutes`. */
export async function issuePasswordToken(tx: Tx, userId: string, minutes = PASSWORD_LINK_MINUTES): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await insertPasswordToken(tx, { tokenHash: hashPasswordToken(token), userId, expiresAt: new Date(Date.now() + minutes * 60_000) });
  return token;
}

export function passwordLinkUrl(origin: string, token: string): string {
  return `${origin}/set-password?${new URLSearchParams({ token })}`;
}
