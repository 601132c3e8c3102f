// Settings → Single sign-on through the real action wrapper, attacked by every kind of caller, and
// "Require single sign-on" applied on the next request: a session not opened by SAML is sent to the
// tenant's identity provider, except the break-glass Admin's. Plus the tenant wall around both tables.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { withSystem, withTenant, withUser } from "@/db/scopes";
import { activity, samlConfigs, samlMessageIds } from "@/db/schema";
import { insertGroup } from "@/db/queries/groups";
import { findSamlConfig, rememberSamlMessageId } from "@/db/queries/saml";
import { findMembershipBySlug } from "@/db/queries/tenants";
import { addMember, createTenant, createUser, databaseErrorOf } from "../support/fixtures";
import { signInAs } from "../support/session";
import { startTestIdp } from "../support/saml-idp";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));

const { saveSamlSettings, removeSamlSettings } = await import("@/app/t/[slug]/settings/sso/actions");
const { getActor, requireActor } = await import("@/lib/actor");
const { setGroupPermissions } = await import("@/app/t/[slug]/groups/actions/set-group-permissions");
const { deleteGroup } = await import("@/app/t/[slug]/groups/actions/delete-group");

type User = { id: string; email: string };
type Tenant = Awaited<ReturnType<typeof createTenant>>;
let tenant: Tenant;
let other: Tenant;
let admin: User;
let secondAdmin: User;
let viewer: User;
let adminElsewhere: User;
const idp = startTestIdp({ entityId: "https://idp.settings.example.test/metadata", ssoUrl: "https://idp.settings.example.test/sso" });

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};
const save = (fields: Record<string, string>, slug = tenant.slug) => saveSamlSettings(slug, null, form({ idpMetadata: idp.metadata, emailAttribute: "email", ...fields }));
const configOf = (tenantId: string) => withTenant({ tenantId, userId: null }, (tx) => findSamlConfig(tx));
const entries = (tenantId: string, action: string) =>
  withTenant({ tenantId, userId: null }, (tx) => tx.select().from(activity).where(and(eq(activity.tenantId, tenantId), eq(activity.action, action))));

beforeAll(async () => {
  [tenant, other] = [await createTenant("sso-settings"), await createTenant("sso-elsewhere")];
  [admin, secondAdmin, viewer, adminElsewhere] = [await createUser("admin"), await createUser("admin-2"), await createUser("viewer"), await createUser("admin-else")];
  await addMember(tenant.id, admin.id, ["admin"]);
  await addMember(tenant.id, secondAdmin.id, ["admin"]);
  await addMember(tenant.id, viewer.id, ["viewer"]);
  await addMember(other.id, adminElsewhere.id, ["admin"]);
});

describe("saving single sign-on", () => {
  it("refuses bad metadata with the error next to the field, saving nothing", async () => {
    signInAs(admin, "password");
    const result = await save({ idpMetadata: "<EntityDescriptor" });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { idpMetadata: [expect.stringMatching(/not well-formed XML/)] } });
    const noIdp = await save({ idpMetadata: '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>' });
    expect(noIdp).toMatchObject({ ok: false, fieldErrors: { idpMetadata: [expect.stringMatching(/No identity provider/)] } });
    expect(await save({ emailAttribute: "bad attribute!" })).toMatchObject({ ok: false, fieldErrors: { emailAttribute: [expect.any(String)] } });
    expect(await configOf(tenant.id)).toBeNull();
  });

  it("is refused to a Viewer, to another tenant's Admin and to a signed-out caller, changing nothing", async () => {
    signInAs(viewer, "password");
    expect(await save({})).toMatchObject({ ok: false, code: "FORBIDDEN" });
    signInAs(adminElsewhere, "password");
    expect(await save({})).toMatchObject({ ok: false, code: "NOT_FOUND" });
    signInAs(null);
    expect(await save({})).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await configOf(tenant.id)).toBeNull();
  });

  it("saves what the metadata says, with a log entry", async () => {
    signInAs(admin, "password");
    expect(await save({})).toMatchObject({ ok: true });
    expect(await configOf(tenant.id)).toMatchObject({
      idpEntityId: "https://idp.settings.example.test/metadata",
      idpSsoUrl: "https://idp.settings.example.test/sso",
      idpCerts: [expect.stringContaining("BEGIN CERTIFICATE")],
      requireSso: false,
    });
    expect(await entries(tenant.id, "tenant.sso_updated")).toMatchObject([{ actorUserId: admin.id }]);
    expect(await configOf(other.id)).toBeNull();
  });

  it("requires a break-glass Admin who is an active Admin here, and the saver not to shut themselves out", async () => {
    signInAs(admin, "password");
    expect(await save({ requireSso: "true" })).toMatchObject({ ok: false, fieldErrors: { breakGlassEmail: [expect.any(String)] } });
    expect(await save({ requireSso: "true", breakGlassEmail: viewer.email })).toMatchObject({ ok: false, fieldErrors: { breakGlassEmail: [expect.stringMatching(/not an active Admin/)] } });
    expect(await save({ requireSso: "true", breakGlassEmail: adminElsewhere.email })).toMatchObject({ ok: false, fieldErrors: { breakGlassEmail: [expect.stringMatching(/not an active Admin/)] } });
    // A password session naming someone else as break-glass would be refused on its next request.
    expect(await save({ requireSso: "true", breakGlassEmail: secondAdmin.email })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect((await configOf(tenant.id))?.requireSso).toBe(false);
    expect(await save({ requireSso: "true", breakGlassEmail: admin.email })).toMatchObject({ ok: true });
    expect(await configOf(tenant.id)).toMatchObject({ requireSso: true, breakGlassUserId: admin.id });
  });
});

describe("Default group for new single sign-on users", () => {
  // Keeps "Require single sign-on" as the tests above left it (the describe below relies on it).
  const saveDefault = (defaultGroup: string) => save({ requireSso: "true", breakGlassEmail: admin.email, defaultGroup });
  const groupIn = (tenantId: string, name: string, permissions: string[]) =>
    withTenant({ tenantId, userId: null }, (tx) => insertGroup(tx, { name: `${name} ${randomUUID().slice(0, 8)}`, permissions }));
  const storedDefault = async () => {
    const config = await configOf(tenant.id);
    return { defaultRole: config?.defaultRole, defaultGroupId: config?.defaultGroupId };
  };

  it("refuses Admin with the reason next to the field, changing nothing", async () => {
    signInAs(admin, "password");
    const result = await saveDefault("admin");
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { defaultGroup: [expect.stringMatching(/^Admin cannot be the default group: everyone your identity provider/)] } });
    expect(await storedDefault()).toEqual({ defaultRole: "viewer", defaultGroupId: null });
  });

  it("refuses a custom group holding an Admin permission, and a value that names no group", async () => {
    signInAs(admin, "password");
    const managers = await groupIn(tenant.id, "Managers", ["tenant.read", "members.manage"]);
    expect(await saveDefault(`group:${managers.id}`)).toMatchObject({ ok: false, fieldErrors: { defaultGroup: [expect.stringMatching(/holds permissions only Admins have \(Manage members\)/)] } });
    expect(await saveDefault("owner")).toMatchObject({ ok: false, fieldErrors: { defaultGroup: ["Choose Viewer, Editor or one of this tenant's custom groups."] } });
    expect(await saveDefault(`group:${randomUUID()}`)).toMatchObject({ ok: false, fieldErrors: { defaultGroup: ["Choose Viewer, Editor or one of this tenant's custom groups."] } });
    expect(await storedDefault()).toEqual({ defaultRole: "viewer", defaultGroupId: null });
  });

  it("attack: another tenant's group id is refused like an unknown one, in the save's transaction", async () => {
    signInAs(admin, "password");
    const theirs = await groupIn(other.id, "Readers", ["tenant.read"]);
    expect(await saveDefault(`group:${theirs.id}`)).toMatchObject({ ok: false, fieldErrors: { defaultGroup: ["Choose Viewer, Editor or one of this tenant's custom groups."] } });
    expect(await storedDefault()).toEqual({ defaultRole: "viewer", defaultGroupId: null });
  });

  it("saves Editor or a custom group of the tenant, logged", async () => {
    signInAs(admin, "password");
    expect(await saveDefault("editor")).toMatchObject({ ok: true });
    expect(await storedDefault()).toEqual({ defaultRole: "editor", defaultGroupId: null });
    const support = await groupIn(tenant.id, "Support", ["tenant.read", "flows.read", "flows.run"]);
    expect(await saveDefault(`group:${support.id}`)).toMatchObject({ ok: true });
    // Viewer stays underneath: what applies if the group is deleted.
    expect(await storedDefault()).toEqual({ defaultRole: "viewer", defaultGroupId: support.id });
    const summaries = (await entries(tenant.id, "tenant.sso_updated")).map((entry) => entry.summary);
    expect(summaries).toEqual(expect.arrayContaining([expect.stringMatching(/new users join as Editor$/), expect.stringMatching(new RegExp(`new users join as ${support.name}$`))]));
    expect(await saveDefault("viewer")).toMatchObject({ ok: true });
  });

  it("the chosen group keeps no Admin permission on the Groups page; deleting it leaves Viewer, said in the log", async () => {
    signInAs(admin, "password");
    const desk = await groupIn(tenant.id, "Desk", ["tenant.read"]);
    expect(await saveDefault(`group:${desk.id}`)).toMatchObject({ ok: true });
    const refused = await setGroupPermissions(tenant.slug, null, { groupId: desk.id, permissions: ["tenant.read", "settings.manage"] });
    expect(refused).toMatchObject({ ok: false, code: "CONFLICT", fieldErrors: { permissions: [expect.stringMatching(/is the default group for new single sign-on users, so it cannot hold permissions only Admins have \(Manage settings\)/)] } });
    expect(await setGroupPermissions(tenant.slug, null, { groupId: desk.id, permissions: ["tenant.read", "flows.run"] })).toMatchObject({ ok: true });
    expect(await deleteGroup(tenant.slug, null, { groupId: desk.id })).toMatchObject({ ok: true });
    expect(await storedDefault()).toEqual({ defaultRole: "viewer", defaultGroupId: null });
    expect((await entries(tenant.id, "group.deleted")).map((entry) => entry.summary)).toEqual([expect.stringMatching(/new single sign-on users now join as Viewer$/)]);
  });
});

describe("Require single sign-on, on every request", () => {
  it("sends a member's magic-link or password session to the identity provider", async () => {
    signInAs(viewer, "magic_link");
    await expect(requireActor(tenant.slug)).rejects.toThrow(`NEXT_REDIRECT /api/sso/${tenant.slug}/login?callbackUrl=`);
    signInAs(secondAdmin, "password");
    await expect(requireActor(tenant.slug)).rejects.toThrow(/NEXT_REDIRECT \/api\/sso\//);
    // And an action from such a session is refused before it runs.
    expect(await save({ requireSso: "true", breakGlassEmail: admin.email })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });

  it("lets in a SAML session of this tenant's IdP, and the break-glass Admin with any session", async () => {
    signInAs(viewer, "saml", "off", tenant.id);
    await expect(requireActor(tenant.slug)).resolves.toMatchObject({ user: { id: viewer.id } });
    // A SAML session another tenant's IdP opened is not this tenant's single sign-on (nor enters it).
    signInAs(viewer, "saml", "off", randomUUID());
    expect(await getActor(tenant.slug)).toBeNull();
    signInAs(admin, "magic_link");
    await expect(requireActor(tenant.slug)).resolves.toMatchObject({ user: { id: admin.id } });
  });

  it("is removed with single sign-on, logged", async () => {
    signInAs(admin, "password");
    expect(await removeSamlSettings(tenant.slug, null, form({}))).toMatchObject({ ok: true });
    expect(await configOf(tenant.id)).toBeNull();
    expect(await entries(tenant.id, "tenant.sso_removed")).toHaveLength(1);
    signInAs(viewer, "magic_link");
    await expect(requireActor(tenant.slug)).resolves.toMatchObject({ user: { id: viewer.id } });
  });
});

describe("the tenant wall around SAML tables", () => {
  it("keeps one tenant's settings and message ids from another, and from non-members", async () => {
    signInAs(adminElsewhere, "password");
    const config = { idpMetadataXml: "x", idpEntityId: "x", idpSsoUrl: "https://x", idpCerts: ["x"], emailAttribute: "email" };
    await withTenant({ tenantId: tenant.id, userId: null }, (tx) => tx.insert(samlConfigs).values({ tenantId: tenant.id, ...config }));
    await withTenant({ tenantId: tenant.id, userId: null }, (tx) => rememberSamlMessageId(tx, "assertion", "_a1", new Date(Date.now() + 60_000)));
    // From the other tenant: nothing to see, nothing to write in its name.
    expect(await withTenant({ tenantId: other.id, userId: null }, (tx) => tx.select().from(samlConfigs))).toEqual([]);
    expect(await withTenant({ tenantId: other.id, userId: null }, (tx) => tx.select().from(samlMessageIds))).toEqual([]);
    expect(await databaseErrorOf(withTenant({ tenantId: other.id, userId: null }, (tx) => tx.insert(samlMessageIds).values({ tenantId: tenant.id, kind: "assertion", messageId: "_x", expiresAt: new Date() }))))
      .toMatch(/row-level security/);
    // The same assertion id is a replay only in the tenant that used it.
    expect(await withTenant({ tenantId: other.id, userId: null }, (tx) => rememberSamlMessageId(tx, "assertion", "_a1", new Date(Date.now() + 60_000)))).toBe(true);
    expect(await withTenant({ tenantId: tenant.id, userId: null }, (tx) => rememberSamlMessageId(tx, "assertion", "_a1", new Date(Date.now() + 60_000)))).toBe(false);
    // In a user's own scope: only the tenants they are an active member of, and never message ids. The
    // requirement reaches every request through the membership read (what the actor checks).
    expect((await withUser({ userId: viewer.id }, (tx) => findMembershipBySlug(tx, viewer.id, tenant.slug)))?.ssoRequirement).toMatchObject({ requireSso: false });
    expect(await withUser({ userId: viewer.id }, (tx) => tx.select({ tenantId: samlConfigs.tenantId }).from(samlConfigs))).toEqual([{ tenantId: tenant.id }]);
    expect(await withUser({ userId: adminElsewhere.id }, (tx) => tx.select().from(samlConfigs))).toEqual([]);
    expect(await withUser({ userId: viewer.id }, (tx) => tx.select().from(samlMessageIds))).toEqual([]);
    expect(await withSystem((tx) => tx.select().from(samlConfigs))).toEqual([]);
  });
});
