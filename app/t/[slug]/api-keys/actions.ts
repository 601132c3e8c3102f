"use server";

// API keys: create and revoke (Admins: api_keys.manage). The key is in the create action's result, the
// only time it leaves the server; the table keeps its hash. A key id from another tenant, or a malformed
// one, is not found. Revoking takes effect on the key's next request (each request reads the key fresh).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { lockApiKey, revokeApiKey as revokeApiKeyRow } from "@/db/queries/api-keys";
import { tenantAction } from "@/lib/actions/tenant-action";
import { requireRow } from "@/lib/actions/require-row";
import { ActionError } from "@/lib/actions/core";
import { ApiKeyExpiresInput, ApiKeyIdInput, ApiKeyNameInput, ApiKeyRoleInput } from "@/lib/api-keys/api-key-input";
import { apiKeyCreatedEntry, issueApiKey } from "@/lib/api-keys/issue-api-key";

const refreshApiKeys = (slug: string) => revalidatePath(`/t/${slug}/api-keys`);

export const createApiKey = tenantAction({
  name: "api_key.create",
  permission: "api_keys.manage",
  input: z.object({ name: ApiKeyNameInput, role: ApiKeyRoleInput, expires: ApiKeyExpiresInput }),
  async run({ tx, actor, input }) {
    const created = await issueApiKey(tx, {
      name: input.name,
      role: input.role,
      expiresAt: input.expires,
      createdByEmail: actor.user.email,
    });
    refreshApiKeys(actor.tenant.slug);
    return {
      data: { id: created.id, name: created.name, key: created.key },
      activity: apiKeyCreatedEntry(created, actor.user.email),
    };
  },
});

export const revokeApiKey = tenantAction({
  name: "api_key.revoke",
  permission: "api_keys.manage",
  input: z.object({ apiKeyId: ApiKeyIdInput }),
  async run({ tx, actor, input }) {
    const key = await requireRow(input.apiKeyId, (id) => lockApiKey(tx, id));
    if (key.revokedAt) throw new ActionError("CONFLICT", `The API key ${key.name} is already revoked.`);
    await revokeApiKeyRow(tx, key.id);
    refreshApiKeys(actor.tenant.slug);
    return {
      data: { id: key.id },
      activity: {
        action: "api_key.revoked",
        targetType: "api_key",
        targetId: key.id,
        summary: `${actor.user.email} revoked the API key ${key.name}`,
        details: { name: key.name, role: key.role },
      },
    };
  },
});
