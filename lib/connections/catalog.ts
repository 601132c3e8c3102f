// The read-only catalog of connectors every tenant chooses from (issue 14). Code, not a table: it is
// the same for all tenants, and no tenant (nor the runtime role) can change it. Safe for the browser:
// the create form lists it. Which fields each connector keeps, and which of them are secrets (stored
// encrypted, never shown back), is here; how each is tested is lib/connections/test-connection.ts.
export const CONNECTOR_KEYS = ["http_api", "incoming_webhook", "smtp"] as const;
export type ConnectorKey = (typeof CONNECTOR_KEYS)[number];

export interface Connector {
  key: ConnectorKey;
  label: string;
  description: string;
  /** Settings shown back on the page (never secret). */
  settings: readonly string[];
  /** Fields stored encrypted: write-only ("leave empty to keep" when editing). */
  secrets: readonly string[];
}

export const CONNECTOR_CATALOG: Record<ConnectorKey, Connector> = {
  http_api: {
    key: "http_api",
    label: "HTTP API",
    description: "An HTTP API at a base URL, called with a bearer token or basic auth.",
    settings: ["baseUrl", "authType", "username"],
    secrets: ["token", "password"],
  },
  incoming_webhook: {
    key: "incoming_webhook",
    label: "Incoming webhook",
    description: "A URL of this tenant that outside services POST to. Its token is unguessable; an inactive connection refuses posts.",
    settings: [],
    secrets: ["webhookToken"],
  },
  smtp: {
    key: "smtp",
    label: "SMTP server",
    description: "A mail server: host, port, TLS, user and password.",
    settings: ["host", "port", "tls", "username"],
    secrets: ["password"],
  },
};

export const isConnectorKey = (value: string): value is ConnectorKey => Object.hasOwn(CONNECTOR_CATALOG, value);

export const connectorLabel = (key: string) => (isConnectorKey(key) ? CONNECTOR_CATALOG[key].label : key);

export const HTTP_AUTH_TYPES = ["bearer", "basic"] as const;
export type HttpAuthType = (typeof HTTP_AUTH_TYPES)[number];
export const HTTP_AUTH_LABELS: Record<HttpAuthType, string> = { bearer: "Bearer token", basic: "Basic auth" };

export const STATUS_LABELS = { active: "Active", inactive: "Inactive", failing: "Failing" } as const;
