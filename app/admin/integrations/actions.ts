"use server";

// Superadmins create and revoke integrations (issue 13, item 5). An HS256 integration gets a random
// secret, shown once in the answer and stored only encrypted; an RS256/ES256 one keeps the public key
// it was given (checked to import for its algorithm). Both write the platform log, never the secret.
import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import { insertIntegration, revokeIntegration as revokeIntegrationRow } from "@/db/queries/integrations";
import { platformAction } from "@/lib/actions/platform-action";
import { ActionError, NOT_FOUND_MESSAGE } from "@/lib/actions/core";
import { encryptIntegrationSecret, isUsablePublicKey } from "@/lib/integrations/integration-key";
import { CreateIntegrationInput, PUBLIC_KEY_MESSAGE } from "@/lib/integrations/integration-input";
import { idInput } from "../inputs";

export const createIntegration = platformAction({
  name: "integration.created",
  input: CreateIntegrationInput,
  async run({ tx, superadmin, input }) {
    const id = randomUUID();
    let secret: string | null = null;
    let keyMaterial: { publicKey: string } | ReturnType<typeof encryptIntegrationSecret>;
    if (input.algorithm === "HS256") {
      // 32 random bytes: the HS256 key is as strong as SHA-256 (RFC 7518 asks for at least 256 bits).
      secret = randomBytes(32).toString("base64url");
      keyMaterial = encryptIntegrationSecret(id, secret);
    } else {
      if (!(await isUsablePublicKey(input.publicKey, input.algorithm))) {
        throw new ActionError("VALIDATION", PUBLIC_KEY_MESSAGE, { publicKey: [PUBLIC_KEY_MESSAGE] });
      }
      keyMaterial = { publicKey: input.publicKey };
    }
    const row = await insertIntegration(tx, {
      id,
      name: input.name,
      algorithm: input.algorithm,
      defaultLicense: input.defaultLicense,
      defaultRole: input.defaultRole,
      createdByEmail: superadmin.email,
      ...keyMaterial,
    });
    if (!row) throw new ActionError("CONFLICT", "An integration with this name exists.", { name: [`"${input.name}" is taken. Choose another name.`] });
    return {
      data: { id, name: row.name, algorithm: row.algorithm, secret },
      activity: {
        action: "integration.created",
        targetType: "integration",
        targetId: id,
        summary: `Created the integration ${row.name} (${row.algorithm})`,
        details: { algorithm: row.algorithm, defaultLicense: row.defaultLicense, defaultRole: row.defaultRole },
      },
    };
  },
});

export const revokeIntegration = platformAction({
  name: "integration.revoked",
  input: z.object({ integrationId: idInput }),
  async run({ tx, input }) {
    const row = await revokeIntegrationRow(tx, input.integrationId);
    if (!row) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
    return {
      data: { id: row.id },
      activity: { action: "integration.revoked", targetType: "integration", targetId: row.id, summary: `Revoked the integration ${row.name}` },
    };
  },
});
