// A connection's settings (shown) and secrets (encrypted) from the submitted fields, checked against
// its connector. On an edit, an empty secret keeps the stored one ("leave empty to keep"); a missing
// required field is refused under that field, and nothing is written.
import "server-only";
import { randomBytes } from "node:crypto";
import { ActionError } from "../actions/core";
import type { FieldErrors } from "../action-result";
import type { ConnectorKey } from "./catalog";
import type { ConnectionFields } from "./connection-input";

export type ConnectionSettings = Record<string, string | number | boolean>;
export type ConnectionSecrets = Record<string, string>;

export interface ConnectionConfig {
  settings: ConnectionSettings;
  secrets: ConnectionSecrets;
}

/** 32 random bytes: the webhook URL's token (unguessable; compared in constant time). */
export const newWebhookToken = () => randomBytes(32).toString("base64url");

function baseUrlProblem(value: string | undefined): string | null {
  if (!value) return "Enter the API's base URL.";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter a full URL, like https://api.example.com.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Use an http or https URL.";
  if (url.username || url.password) return "Put the user name and password in their own fields, not in the URL.";
  return null;
}

/** Throws a VALIDATION error carrying each field's message, when there is any. */
function refuse(errors: FieldErrors) {
  if (Object.keys(errors).length) throw new ActionError("VALIDATION", "Please correct the highlighted fields.", errors);
}

export function connectionConfigOf(connector: ConnectorKey, fields: ConnectionFields, stored: ConnectionSecrets | null): ConnectionConfig {
  const errors: FieldErrors = {};
  const secret = (name: "token" | "password") => fields[name] ?? stored?.[name];
  if (connector === "http_api") {
    const urlProblem = baseUrlProblem(fields.baseUrl);
    if (urlProblem) errors.baseUrl = [urlProblem];
    const authType = fields.authType ?? "bearer";
    if (authType === "bearer" && !secret("token")) errors.token = ["Enter the bearer token."];
    if (authType === "basic") {
      if (!fields.username) errors.username = ["Enter the user name."];
      if (!secret("password")) errors.password = ["Enter the password."];
    }
    refuse(errors);
    return authType === "bearer"
      ? { settings: { baseUrl: fields.baseUrl!, authType }, secrets: { token: secret("token")! } }
      : { settings: { baseUrl: fields.baseUrl!, authType, username: fields.username! }, secrets: { password: secret("password")! } };
  }
  if (connector === "smtp") {
    if (!fields.host) errors.host = ["Enter the server's host name."];
    if (fields.port === undefined) errors.port = ["Enter a port from 1 to 65535."];
    if (fields.username && !secret("password")) errors.password = ["Enter the password."];
    refuse(errors);
    const settings: ConnectionSettings = { host: fields.host!, port: fields.port!, tls: fields.tls ?? false };
    if (fields.username) settings.username = fields.username;
    return { settings, secrets: fields.username ? { password: secret("password")! } : {} };
  }
  // An incoming webhook keeps its token across edits; a new one gets a fresh token.
  return { settings: {}, secrets: { webhookToken: stored?.webhookToken ?? newWebhookToken() } };
}

export const NEEDS_SECRET_MESSAGE = "This connection has no secret yet (it was imported without one): edit it, enter its secret, then activate it.";

/**
 * Whether the stored settings and secrets miss a secret the connector needs (a connection imported
 * without the export's passphrase): the same checks as the form, on what is stored.
 */
export function lacksSecret(connector: ConnectorKey, settings: ConnectionSettings, stored: ConnectionSecrets): boolean {
  try {
    connectionConfigOf(connector, settings as ConnectionFields, stored);
    return false;
  } catch (error) {
    if (error instanceof ActionError) return true;
    throw error;
  }
}
