// What the connections tests share: rows and entries of a tenant read past the actions, and a
// connection created through the action (so it is stored exactly as the app stores it).
import { and, eq } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { activity, connections } from "@/db/schema";
import { openConnectionSecrets } from "@/lib/connections/connection-secrets";
import { uniqueSuffix } from "../support/fixtures";
import { actingAs } from "../support/session";

type User = { id: string; email: string };
type CreateConnection = (slug: string, previous: unknown, input: Record<string, unknown>) => Promise<{ ok: boolean; data?: unknown; message?: string }>;

export const inTenant = <T,>(tenantId: string, work: Parameters<typeof withTenant<T>>[1]) => withTenant<T>({ tenantId, userId: null }, work);

export const connectionRows = (tenantId: string) => inTenant(tenantId, (tx) => tx.select().from(connections).where(eq(connections.tenantId, tenantId)).orderBy(connections.id));

export const connectionRow = async (tenantId: string, id: string) => (await connectionRows(tenantId)).find((row) => row.id === id) ?? null;

export const entriesOf = (tenantId: string, action: string) =>
  inTenant(tenantId, (tx) => tx.select().from(activity).where(and(eq(activity.tenantId, tenantId), eq(activity.action, action))));

export const secretsOf = (row: typeof connections.$inferSelect) => openConnectionSecrets(row.tenantId, row.id, row);

/** Fields of an HTTP API connection with a bearer token. */
export const httpApiFields = (baseUrl = "https://api.example.com/v1", token = `tok_${uniqueSuffix()}_SECRET`) => ({
  connector: "http_api",
  baseUrl,
  authType: "bearer",
  token,
});

export async function seedConnection(create: CreateConnection, slug: string, user: User, fields: Record<string, unknown> = { connector: "incoming_webhook" }) {
  const result = await actingAs(user, () => create(slug, null, { name: `conn-${uniqueSuffix()}`, ...fields }));
  if (!result.ok) throw new Error(`setup: ${result.message}`);
  return result.data as { id: string; name: string };
}
