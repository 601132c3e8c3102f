"use server";

// Credentials: add, replace the value, delete (Admins: credentials.manage). The value is encrypted
// before it reaches the database and never leaves it again through the console: results and activity
// entries carry the name only. A credential id from another tenant, or a malformed one, is not found.
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { TenantTx } from "@/db/scopes";
import { deleteCredential as deleteCredentialRow, insertCredential, lockCredential, replaceCredentialValue } from "@/db/queries/credentials";
import { tenantAction } from "@/lib/actions/tenant-action";
import { actingUserId } from "@/lib/caller";
import { withUniqueName } from "@/lib/actions/unique-name";
import { requireRow } from "@/lib/actions/require-row";
import { ActionError } from "@/lib/actions/core";
import { CredentialDescriptionInput, CredentialIdInput, CredentialNameInput, CredentialValueInput, shownTailOf } from "@/lib/credentials/credential-input";
import { encryptValue } from "@/lib/secrets/cipher";
import { SECRETS_KEY_MISSING_MESSAGE, SecretsKeyError, secretsKeyring } from "@/lib/secrets/keyring";

const requireCredential = (tx: TenantTx, credentialId: string) => requireRow(credentialId, (id) => lockCredential(tx, id));

/** The encrypted value and what is shown of it, for this tenant's row `credentialId`. */
function sealed(tenantId: string, credentialId: string, value: string) {
  let keyring;
  try {
    keyring = secretsKeyring();
  } catch (error) {
    // A production server without SECRETS_KEY stores no value unencrypted: the form says why.
    if (!(error instanceof SecretsKeyError)) throw error;
    throw new ActionError("UNAVAILABLE", SECRETS_KEY_MISSING_MESSAGE, { value: [SECRETS_KEY_MISSING_MESSAGE] });
  }
  return { value: encryptValue(keyring, { tenantId, credentialId }, value), valueLast4: shownTailOf(value) };
}

const refreshCredentials = (slug: string) => revalidatePath(`/t/${slug}/credentials`);

/** A credential action's entry: the credential by id and name, never its value (nor its last 4). */
function credentialEntry(action: string, credential: { id: string; name: string }, summary: string) {
  return { action, targetType: "credential", targetId: credential.id, summary, details: { name: credential.name } };
}

export const addCredential = tenantAction({
  name: "credential.create",
  permission: "credentials.manage",
  input: z.object({ name: CredentialNameInput, value: CredentialValueInput, description: CredentialDescriptionInput }),
  async run({ tx, actor, input }) {
    const id = randomUUID();
    const credential = await withUniqueName("credentials_tenant_name", "A credential with this name already exists in this tenant.", () =>
      insertCredential(tx, {
        id,
        name: input.name,
        description: input.description,
        ...sealed(tx.tenantId, id, input.value),
        updatedByUserId: actingUserId(actor),
        updatedByEmail: actor.user.email,
      }),
    );
    refreshCredentials(actor.tenant.slug);
    return {
      data: { id: credential.id, name: credential.name },
      activity: credentialEntry("credential.created", credential, `${actor.user.email} added the credential ${credential.name}`),
    };
  },
});

export const replaceCredential = tenantAction({
  name: "credential.replace",
  permission: "credentials.manage",
  input: z.object({ credentialId: CredentialIdInput, value: CredentialValueInput }),
  async run({ tx, actor, input }) {
    const credential = await requireCredential(tx, input.credentialId);
    await replaceCredentialValue(tx, credential.id, {
      ...sealed(tx.tenantId, credential.id, input.value),
      updatedByUserId: actingUserId(actor),
      updatedByEmail: actor.user.email,
    });
    refreshCredentials(actor.tenant.slug);
    return {
      data: { id: credential.id, name: credential.name },
      activity: credentialEntry("credential.replaced", credential, `${actor.user.email} replaced the value of the credential ${credential.name}`),
    };
  },
});

export const deleteCredential = tenantAction({
  name: "credential.delete",
  permission: "credentials.manage",
  input: z.object({ credentialId: CredentialIdInput }),
  async run({ tx, actor, input }) {
    const credential = await requireCredential(tx, input.credentialId);
    await deleteCredentialRow(tx, credential.id);
    refreshCredentials(actor.tenant.slug);
    return {
      data: { id: credential.id },
      activity: credentialEntry("credential.deleted", credential, `${actor.user.email} deleted the credential ${credential.name}`),
    };
  },
});
