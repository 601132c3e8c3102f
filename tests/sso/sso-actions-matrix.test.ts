// The single sign-on actions × every kind of caller (tests/support/admin-only-matrix.ts): only the
// tenant's Admins set up or remove SAML or OpenID Connect; every other caller is refused and changes nothing.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { count, eq } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { activity } from "@/db/schema";
import { deleteOidcConfig, findOidcConfig, upsertOidcConfig } from "@/db/queries/oidc";
import { deleteSamlConfig, findSamlConfig, upsertSamlConfig } from "@/db/queries/saml";
import { encryptOidcClientSecret } from "@/lib/sso/oidc-secret";
import { adminOnlyMatrix, adminOnlyWorld, type MatrixWorld } from "../support/admin-only-matrix";
import { allowLocalTargetsInThisFile } from "../support/local-targets";
import { startTestOp, type TestOp } from "../support/oidc-op";
import { startTestIdp } from "../support/saml-idp";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { saveSamlSettings, removeSamlSettings } = await import("@/app/t/[slug]/settings/sso/actions");
const { saveOidcSettings, removeOidcSettings } = await import("@/app/t/[slug]/settings/sso/oidc-actions");
const { registeredActions } = await import("@/lib/actions/core");

let world: MatrixWorld;
let op: TestOp;
let client: { clientId: string; clientSecret: string };
const idp = startTestIdp({ entityId: "https://idp.matrix.example.test/metadata", ssoUrl: "https://idp.matrix.example.test/sso" });
const inA = <T>(work: Parameters<typeof withTenant<T>>[1]) => withTenant({ tenantId: world.a.id, userId: null }, work);

async function snapshot(tenantId: string) {
  const [entries] = await withTenant({ tenantId, userId: null }, (tx) => tx.select({ value: count() }).from(activity).where(eq(activity.tenantId, tenantId)));
  const config = await withTenant({ tenantId, userId: null }, (tx) => findSamlConfig(tx));
  const oidc = await withTenant({ tenantId, userId: null }, (tx) => findOidcConfig(tx));
  return { config, oidc, activityEntries: entries?.value };
}

allowLocalTargetsInThisFile();

beforeAll(async () => {
  world = await adminOnlyWorld();
  op = await startTestOp();
  client = await op.registerClient(["http://localhost:3000/api/sso/matrix/oidc/callback"]);
});

afterAll(async () => {
  await op?.close();
});

const ACTIONS = {
  "tenant.sso.update": {
    prepare: () => inA(async (tx) => [await deleteSamlConfig(tx), await deleteOidcConfig(tx)]),
    call: (slug: string) => saveSamlSettings(slug, null, { idpMetadata: idp.metadata, emailAttribute: "email" }),
    async succeeded() {
      expect(await inA((tx) => findSamlConfig(tx))).toMatchObject({ idpEntityId: "https://idp.matrix.example.test/metadata" });
    },
  },
  "tenant.sso.remove": {
    prepare: () =>
      inA(async (tx) => {
        await deleteOidcConfig(tx);
        await upsertSamlConfig(tx, { idpMetadataXml: idp.metadata, idpEntityId: "https://idp.matrix.example.test/metadata", idpSsoUrl: "https://idp.matrix.example.test/sso", idpCerts: [idp.certificate] });
      }),
    call: (slug: string) => removeSamlSettings(slug, null, {}),
    async succeeded() {
      expect(await inA((tx) => findSamlConfig(tx))).toBeNull();
    },
  },
  "tenant.sso.oidc_update": {
    prepare: () => inA(async (tx) => [await deleteSamlConfig(tx), await deleteOidcConfig(tx)]),
    call: (slug: string) => saveOidcSettings(slug, null, { issuer: op.issuer, clientId: client.clientId, clientSecret: client.clientSecret, emailClaim: "email" }),
    async succeeded() {
      expect(await inA((tx) => findOidcConfig(tx))).toMatchObject({ issuer: op.issuer, clientId: client.clientId });
    },
  },
  "tenant.sso.oidc_remove": {
    prepare: () =>
      inA(async (tx) => {
        await deleteSamlConfig(tx);
        await upsertOidcConfig(tx, { issuer: op.issuer, clientId: client.clientId, ...encryptOidcClientSecret(world.a.id, client.clientSecret) });
      }),
    call: (slug: string) => removeOidcSettings(slug, null, {}),
    async succeeded() {
      expect(await inA((tx) => findOidcConfig(tx))).toBeNull();
    },
  },
};

describe("single sign-on actions × callers", () => {
  it("covers every SSO action there is, each needing settings.manage", () => {
    const registered = [...registeredActions.keys()].filter((name) => name.startsWith("tenant.sso."));
    expect(registered.sort()).toEqual(Object.keys(ACTIONS).sort());
    for (const name of registered) expect(registeredActions.get(name)).toEqual({ scope: "tenant", permission: "settings.manage" });
  });

  adminOnlyMatrix({ world: () => world, actions: ACTIONS, snapshot });
});
