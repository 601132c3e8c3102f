// Creating a key, shared by the API keys page and `npm run admin -- create-api-key`: a new random key,
// its hash stored, the key itself returned once. The activity entry names the key, its role and
// expiry, never the key or its hash.
import type { TenantTx } from "@/db/scopes";
import { insertApiKey } from "@/db/queries/api-keys";
import type { MemberRole } from "@/db/schema";
import type { ActivityRecord } from "../actions/core";
import { rolesLabel } from "../permissions";
import { hashApiKey, newApiKey } from "./api-key";

/** A key for the transaction's tenant. */
export interface NewApiKey {
  name: string;
  role: MemberRole;
  expiresAt: Date | null;
  /** Who created it (copied, like the activity log's actor); null from the command line. */
  createdByEmail: string | null;
}

export async function issueApiKey(tx: TenantTx, request: NewApiKey) {
  const key = newApiKey();
  const row = await insertApiKey(tx, { ...request, keyHash: hashApiKey(key) });
  return { ...row, key };
}

/** The entry for a created key; `by` is who created it ("from the command line" when nobody signed in). */
export function apiKeyCreatedEntry(created: { id: string; name: string; role: MemberRole; expiresAt: Date | null }, by: string): ActivityRecord {
  return {
    action: "api_key.created",
    targetType: "api_key",
    targetId: created.id,
    summary: `${by} created the API key ${created.name} (${rolesLabel([created.role])})`,
    details: { name: created.name, role: created.role, expiresAt: created.expiresAt?.toISOString() ?? null },
  };
}
