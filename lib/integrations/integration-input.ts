// The create-integration form's fields (issue 13, item 5): a name, the algorithm its tokens are signed
// with, for RS256/ES256 the PEM public key (uploaded or pasted), and what a tenant created by its
// tokens starts with: the license and the role the integration acts with.
import { z } from "zod";
import { INTEGRATION_ALGORITHMS, MEMBER_ROLES } from "@/db/schema";
import { LICENSE_KEYS } from "../licenses";

export const INTEGRATION_NAME_MAX = 80;
export const PUBLIC_KEY_MAX = 8000;
export const PUBLIC_KEY_MESSAGE = "Paste or upload the PEM public key (-----BEGIN PUBLIC KEY-----) for this algorithm.";

export const CreateIntegrationInput = z
  .object({
    name: z.string().trim().min(1, "Enter a name.").max(INTEGRATION_NAME_MAX, `Use at most ${INTEGRATION_NAME_MAX} characters.`),
    algorithm: z.enum(INTEGRATION_ALGORITHMS, "Choose an algorithm."),
    publicKey: z.string().trim().max(PUBLIC_KEY_MAX, PUBLIC_KEY_MESSAGE).optional().default(""),
    defaultLicense: z.enum(LICENSE_KEYS, "Choose a license."),
    defaultRole: z.enum(MEMBER_ROLES, "Choose a role."),
  })
  .refine((input) => input.algorithm === "HS256" || input.publicKey !== "", { path: ["publicKey"], message: PUBLIC_KEY_MESSAGE });
