import { and, eq, lt, sql } from "drizzle-orm";
import { memberships, samlConfigs, samlMessageIds, users, type SamlMessageKind } from "../schema";
import type { TenantTx } from "../scopes";

export type SamlConfig = typeof samlConfigs.$inferSelect;
export type SamlConfigInput = Omit<typeof samlConfigs.$inferInsert, "tenantId" | "updatedAt">;

/** The transaction's tenant's SAML settings, or null when it has none. */
export async function findSamlConfig(tx: TenantTx): Promise<SamlConfig | null> {
  const [row] = await tx.select().from(samlConfigs).where(eq(samlConfigs.tenantId, tx.tenantId));
  return row ?? null;
}

export async function upsertSamlConfig(tx: TenantTx, config: SamlConfigInput): Promise<void> {
  const values = { ...config, tenantId: tx.tenantId, updatedAt: new Date() };
  await tx.insert(samlConfigs).values(values).onConflictDoUpdate({ target: samlConfigs.tenantId, set: values });
}

export async function deleteSamlConfig(tx: TenantTx): Promise<boolean> {
  const deleted = await tx.delete(samlConfigs).where(eq(samlConfigs.tenantId, tx.tenantId)).returning({ tenantId: samlConfigs.tenantId });
  return deleted.length > 0;
}

/**
 * Remembers a message id until `expiresAt`; false when it is already remembered (and unexpired): a
 * replay. Expired ids of the tenant are dropped first, so the table stays as small as the window.
 */
export async function rememberSamlMessageId(tx: TenantTx, kind: SamlMessageKind, messageId: string, expiresAt: Date): Promise<boolean> {
  await tx.delete(samlMessageIds).where(and(eq(samlMessageIds.tenantId, tx.tenantId), lt(samlMessageIds.expiresAt, sql`now()`)));
  const inserted = await tx
    .insert(samlMessageIds)
    .values({ tenantId: tx.tenantId, kind, messageId, expiresAt })
    .onConflictDoNothing()
    .returning({ messageId: samlMessageIds.messageId });
  return inserted.length > 0;
}

/** When an unexpired id of this kind stops being remembered, or null when it is not. */
export async function findSamlMessageIdExpiry(tx: TenantTx, kind: SamlMessageKind, messageId: string): Promise<Date | null> {
  const [row] = await tx
    .select({ expiresAt: samlMessageIds.expiresAt })
    .from(samlMessageIds)
    .where(and(eq(samlMessageIds.tenantId, tx.tenantId), eq(samlMessageIds.kind, kind), eq(samlMessageIds.messageId, messageId), sql`${samlMessageIds.expiresAt} > now()`));
  return row?.expiresAt ?? null;
}

/** Forgets an id (a request id once its response came back: each request answers once). */
export async function forgetSamlMessageId(tx: TenantTx, kind: SamlMessageKind, messageId: string): Promise<boolean> {
  const deleted = await tx
    .delete(samlMessageIds)
    .where(and(eq(samlMessageIds.tenantId, tx.tenantId), eq(samlMessageIds.kind, kind), eq(samlMessageIds.messageId, messageId)))
    .returning({ messageId: samlMessageIds.messageId });
  return deleted.length > 0;
}

/** The id of the tenant's active Admin with this address, or null (the break-glass Admin must be one). */
export async function findActiveAdminIdByEmail(tx: TenantTx, email: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tx.tenantId), eq(users.email, email), eq(memberships.status, "active"), sql`'admin' = any(${memberships.roles})`));
  return row?.id ?? null;
}

/** The break-glass Admin's address, for the settings page. */
export async function findUserEmailById(tx: TenantTx, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [row] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return row?.email ?? null;
}
