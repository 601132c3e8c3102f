// The single sign-on actions × every kind of caller (tests/support/admin-only-matrix.ts): only the
// tenant's Admins set up or remove SAML; every other caller is refused and changes nothing.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { count, eq } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { activity } from "@/db/schema";
import { deleteSamlConfig, findSamlConfig, upsertSamlConfig } from "@/db/queries/saml";
import { adminOnlyMatrix, adminOnlyWorld, type MatrixWorld } from "../support/admin-only-matrix";
import { startTestIdp } from "../support/saml-idp";

vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { saveSamlSettings, removeSamlSettings } = await import("@/app/t/[slug]/settings/sso/actions");
const { registeredActions } = await import("@/lib/actions/core");

let world: MatrixWorld;
const idp = startTestIdp({ entityId: "https://idp.matrix.example.test/metadata", ssoUrl: "https://idp.matrix.example.test/sso" });
const inA = <T>(work: Parameters<typeof withTenant<T>>[1]) => withTenant({ tenantId: world.a.id, userId: null }, work);

async function snapshot(tenantId: string) {
  const [entries] = await withTenant({ tenantId, userId: null }, (tx) => tx.select({ value: count() }).from(activity).where(eq(activity.tenantId, tenantId)));
  const config = await withTenant({ tenantId, userId: null }, (tx) => findSamlConfig(tx));
  return { config, activityEntries: entries?.value };
}

beforeAll(async () => {
  world = await adminOnlyWorld();
});

const ACTIONS = {
  "tenant.sso.update": {
    prepare: () => inA((tx) => deleteSamlConfig(tx)),
    call: (slug: string) => saveSamlSettings(slug, null, { idpMetadata: idp.metadata, emailAttribute: "email" }),
    async succeeded() {
      expect(await inA((tx) => findSamlConfig(tx))).toMatchObject({ idpEntityId: "https://idp.matrix.example.test/metadata" });
    },
  },
  "tenant.sso.remove": {
    prepare: () =>
      inA((tx) => upsertSamlConfig(tx, { idpMetadataXml: idp.metadata, idpEntityId: "https://idp.matrix.example.test/metadata", idpSsoUrl: "https://idp.matrix.example.test/sso", idpCerts: [idp.certificate] })),
    call: (slug: string) => removeSamlSettings(slug, null, {}),
    async succeeded() {
      expect(await inA((tx) => findSamlConfig(tx))).toBeNull();
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
