// What the connection forms (and the REST API) submit, parsed on the server. Every connector's fields
// are optional here; which ones a connector needs is checked against the connector
// (connectionConfigOf), so the messages land under the right fields. Secrets are kept as typed.
import { z } from "zod";
import { nameInput } from "../name-input";
import { CONNECTOR_KEYS, HTTP_AUTH_TYPES } from "./catalog";

const SECRET_MAX_LENGTH = 10_000;
const emptyToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

export const ConnectionNameInput = nameInput("connection");
export const ConnectorInput = z.enum(CONNECTOR_KEYS, { error: "Choose a connector." });
/** Checked for shape in the action itself: a malformed id answers "not found", like another tenant's. */
export const ConnectionIdInput = z.string().max(100);

const optionalText = (max: number) => z.preprocess(emptyToUndefined, z.string().trim().max(max, `Use at most ${max} characters.`).optional());
const optionalSecret = z.preprocess(emptyToUndefined, z.string().max(SECRET_MAX_LENGTH, `Use at most ${SECRET_MAX_LENGTH.toLocaleString("en-US")} characters.`).optional());

/** The connector-specific fields (all optional at this stage). */
export const connectionFields = {
  baseUrl: optionalText(2000).meta({ description: "HTTP API: the base URL (http or https)." }),
  authType: z.preprocess(emptyToUndefined, z.enum(HTTP_AUTH_TYPES, { error: "Choose bearer or basic." }).optional()),
  username: optionalText(200).meta({ description: "HTTP API (basic auth) or SMTP: the user name." }),
  token: optionalSecret.meta({ description: "HTTP API: the bearer token. Write-only; empty keeps the stored one." }),
  password: optionalSecret.meta({ description: "HTTP API (basic) or SMTP: the password. Write-only; empty keeps the stored one." }),
  host: optionalText(253).meta({ description: "SMTP: the server's host name." }),
  port: z.preprocess(emptyToUndefined, z.coerce.number({ error: "Enter a port from 1 to 65535." }).int("Enter a port from 1 to 65535.").min(1, "Enter a port from 1 to 65535.").max(65535, "Enter a port from 1 to 65535.").optional()),
  // A checkbox sends "on" when ticked and nothing when not; the API sends a boolean.
  tls: z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean()).optional(),
};

export type ConnectionFields = { [K in keyof typeof connectionFields]?: z.output<(typeof connectionFields)[K]> };
