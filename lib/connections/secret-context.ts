/** What a connection's sealed secrets are bound to (the cipher's additional data): its tenant and row. */
export const connectionSecretContext = (tenantId: string, connectionId: string) => `connection:${tenantId}:${connectionId}`;
