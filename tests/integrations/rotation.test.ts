// rotate-secrets-key moves HS256 integrations' secrets to the new SECRETS_KEY: after the rotation,
// with the old key gone, the integration's tokens still verify (and its row is under the new key).
import "../support/own-database";
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { SignJWT } from "jose";
import { withSystem } from "@/db/scopes";
import { integrations } from "@/db/schema";
import { runAdminCommand } from "@/lib/admin-commands";
import { TOKEN_AUDIENCE } from "@/lib/integrations/token-claims";
import { secretsKeyring } from "@/lib/secrets/keyring";
import { createUser } from "../support/fixtures";
import { actingAs } from "../support/session";

vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createIntegration } = await import("@/app/admin/integrations/actions");
const { GET: getTenant } = await import("@/app/api/v1/tenant/route");

const newKey = () => randomBytes(32).toString("base64");
const [OLD_KEY, NEW_KEY] = [newKey(), newKey()];

function useKeys(current: string, previous?: string) {
  vi.stubEnv("SECRETS_KEY", current);
  vi.stubEnv("SECRETS_KEY_PREVIOUS", previous ?? "");
}

afterEach(() => vi.unstubAllEnvs());

describe("rotate-secrets-key and integration secrets", () => {
  it("re-encrypts them under the new key; tokens verify with the old key gone", async () => {
    useKeys(OLD_KEY);
    const root = await createUser("root", { isSuperadmin: true });
    const created = await actingAs(root, () => createIntegration(null, { name: "Rotated CRM", algorithm: "HS256", defaultLicense: "free", defaultRole: "viewer" }));
    if (!created.ok) throw new Error(created.message);
    const { id, secret } = created.data;
    const call = async () => {
      const jwt = await new SignJWT({ tenant_id: "r-1", tenant_name: "Rotated", email: "ops@rotated.test" })
        .setProtectedHeader({ alg: "HS256", kid: id })
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(new TextEncoder().encode(secret!));
      return (await getTenant(new Request("http://localhost/api/v1/tenant", { headers: { authorization: `Bearer ${jwt}` } }))).status;
    };
    expect(await call()).toBe(200);

    // Before the rotation, the new key alone cannot read the secret: the token is refused.
    useKeys(NEW_KEY);
    expect(await call()).toBe(401);

    useKeys(NEW_KEY, OLD_KEY);
    const newId = secretsKeyring().current.id;
    const result = await runAdminCommand(["rotate-secrets-key"]);
    expect(result.message).toBe(`Re-encrypted 0 credential values and 1 integration secret under the key ${newId} (0 already under it). SECRETS_KEY_PREVIOUS is no longer needed.`);
    const [row] = await withSystem((tx) => tx.select().from(integrations).where(eq(integrations.id, id)));
    expect(row!.secretKeyId).toBe(newId);

    useKeys(NEW_KEY);
    expect(await call()).toBe(200);
  });
});
