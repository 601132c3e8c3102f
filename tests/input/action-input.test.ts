// Attack: server actions are public POST endpoints, so a forged call can send anything the form
// never would. Each of these used to end in a 500 (an exception out of the action) or an INTERNAL
// failure with a database error in the log: a tenant slug holding NUL (the actor was read outside
// the wrapper's error handling), NUL in a text field (PostgreSQL 22021), and a login / set-password
// action given something other than FormData. Now each gets a typed answer.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { withSystem } from "@/db/scopes";
import { tenants } from "@/db/schema";
import { UNSTORABLE_TEXT_MESSAGE } from "@/lib/storable-text";
import { addMember, createTenant, createUser } from "../support/fixtures";
import { signInAs } from "../support/session";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession(), signIn: async () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "tenantry.test" }), cookies: async () => ({ get: () => undefined }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, refresh: () => {} }));

const { updateGeneralSettings } = await import("@/app/t/[slug]/settings/actions");
const { requestMagicLink } = await import("@/app/login/actions");
const { signInWithPasswordForm } = await import("@/app/login/password-actions");
const { setPasswordWithLink } = await import("@/app/set-password/actions");

let tenant: { id: string; slug: string; name: string };
let admin: { id: string; email: string };

beforeAll(async () => {
  tenant = await createTenant("forged");
  admin = await createUser("admin");
  await addMember(tenant.id, admin.id, ["admin"]);
});

const tenantName = async () => (await withSystem((tx) => tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenant.id))))[0]!.name;

describe("forged server-action calls", () => {
  it("answers NOT_FOUND for a tenant slug holding NUL (or one too long to be a slug)", async () => {
    signInAs(admin);
    for (const slug of [`${"acme"}\u0000`, "\u0000", "a".repeat(100_000)]) {
      const result = await updateGeneralSettings(slug, null, { name: "Renamed", contactEmail: "" });
      expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
  });

  it("refuses NUL or a lone surrogate in a text field with a message by that field, and changes nothing", async () => {
    signInAs(admin);
    const before = await tenantName();
    for (const name of ["Acme\u0000Corp", "Acme\uD800"]) {
      const result = await updateGeneralSettings(tenant.slug, null, { name, contactEmail: "" });
      expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { name: [UNSTORABLE_TEXT_MESSAGE] } });
    }
    const form = new FormData();
    form.set("name", "Acme\u0000Corp");
    form.set("contactEmail", "");
    expect(await updateGeneralSettings(tenant.slug, null, form)).toMatchObject({ code: "VALIDATION" });
    expect(await tenantName()).toBe(before);
  });

  it("answers the form's own validation when the sign-in and set-password actions get no FormData", async () => {
    signInAs(null);
    for (const input of [undefined, null, "email=a@b.test", 42, { email: "a@b.test" }, [1, 2]]) {
      const forged = input as unknown as FormData;
      expect(await requestMagicLink(null, forged)).toMatchObject({ ok: false, fieldErrors: { email: ["Enter an email address."] } });
      expect(await signInWithPasswordForm(null, forged)).toMatchObject({ ok: false, fieldErrors: { password: ["Enter your password."] } });
      expect(await setPasswordWithLink(null, forged)).toMatchObject({ ok: false, fieldErrors: { token: [expect.stringContaining("expired")] } });
    }
  });
});
