// Company sign-in (issue 15, item 2): a company applies its tenant's policy up front (a password-only
// tenant takes no magic-link requests, whatever was posted) and the sign-in lands in it for members.
// Attack: enumerating tenants through the Company field. A company that does not exist answers like a
// real one with the same policy (its decoy policy, lib/company-sign-in.ts): same result, same time.
import { describe, expect, it, vi } from "vitest";
import { withSystem, withTenant } from "@/db/scopes";
import { insertMembership } from "@/db/queries/memberships";
import { updateTenantSettings } from "@/db/queries/tenants";
import { setPasswordHash } from "@/db/queries/users";
import type { ActionResult } from "@/lib/action-result";
import { MAGIC_LINK_ANSWER_FLOOR_MS } from "@/lib/answer-floor";
import { hashPassword } from "@/lib/passwords";
import { addMember, createTenant, createUser, uniqueSuffix } from "../support/fixtures";
import { queuedMailTo } from "../support/outbox";

const caller = vi.hoisted(() => ({ ip: "192.0.2.1" }));
vi.mock("@/lib/client-ip", () => ({ clientIp: async () => caller.ip }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "localhost:3000" }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {} }),
}));

const { requestMagicLink } = await import("@/app/login/actions");
const { signInWithPasswordForm } = await import("@/app/login/password-actions");
const { COMPANY_PASSWORD_ONLY_MESSAGE, companyValue, decoyPolicy } = await import("@/lib/company-sign-in");

const PASSWORD = "correct horse battery staple";
let ipCounter = 0;
const freshIp = () => `198.19.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}-${uniqueSuffix()}`;

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

/** What the caller gets: "redirect:<path>" when the form moved on, else the result; and how long it took. */
async function answer(submit: () => Promise<ActionResult<null>>): Promise<{ outcome: unknown; ms: number }> {
  caller.ip = freshIp();
  const started = performance.now();
  let outcome: unknown;
  try {
    outcome = await submit();
  } catch (error) {
    const digest = (error as { digest?: unknown })?.digest;
    if (typeof digest !== "string" || !digest.startsWith("NEXT_REDIRECT")) throw error;
    outcome = `redirect:${digest.split(";")[2]}`;
  }
  return { outcome, ms: performance.now() - started };
}

const askForLink = (email: string, company: string, callbackUrl = "/") =>
  answer(() => requestMagicLink(null, form({ email, company, callbackUrl })));
const tryPassword = (email: string, password: string, company: string, callbackUrl = "/profile") =>
  answer(() => signInWithPasswordForm(null, form({ email, password, company, callbackUrl })));

async function tenantWithPolicy(magicLinkEnabled: boolean) {
  const tenant = await createTenant(magicLinkEnabled ? "open" : "closed", { license: "enterprise" });
  await withTenant({ tenantId: tenant.id, userId: null }, (tx) => updateTenantSettings(tx, { magicLinkEnabled }));
  return tenant;
}

/** A value naming no tenant whose decoy policy is `magicLink` (about one in four is password-only). */
function unknownCompanyWithPolicy(magicLink: boolean): string {
  for (let i = 0; ; i++) {
    const company = `nobody-${i}-${uniqueSuffix()}`;
    if (decoyPolicy(company).magicLink === magicLink) return company;
  }
}

async function memberWithPassword(tenantId: string, label: string) {
  const user = await createUser(label);
  await withSystem(async (tx) => setPasswordHash(tx, user.id, await hashPassword(PASSWORD)));
  await addMember(tenantId, user.id, ["viewer"]);
  return user;
}

/** The return path carried by the sign-in link last mailed to `email`. */
async function linkReturnPath(email: string): Promise<string> {
  const [mail] = (await queuedMailTo(email)).filter((m) => m.purpose === "auth.magic_link");
  const link = mail?.text.match(/http\S+\/login\/verify\?\S+/)?.[0];
  expect(link).toBeTruthy();
  return new URL(link!).searchParams.get("callbackUrl")!;
}

describe("the Company value", () => {
  it("is read as a slug is written, and empty means none", () => {
    expect(companyValue("  Acme ")).toBe("acme");
    expect(companyValue("   ")).toBeNull();
    expect(companyValue(undefined)).toBeNull();
  });

  it("gives a value naming no tenant a decoy policy fixed by the server's secret, of both kinds", () => {
    const values = Array.from({ length: 200 }, (_, i) => `decoy-${i}`);
    const passwordOnly = values.filter((value) => !decoyPolicy(value, "secret-one-".repeat(4)).magicLink);
    // About one in four, so a password-only page proves nothing; never all or none.
    expect(passwordOnly.length).toBeGreaterThan(20);
    expect(passwordOnly.length).toBeLessThan(100);
    expect(values.map((v) => decoyPolicy(v, "secret-one-".repeat(4)))).toEqual(values.map((v) => decoyPolicy(v, "secret-one-".repeat(4))));
    // Another server secret, other decoys: nobody can compute them without it.
    expect(values.filter((value) => !decoyPolicy(value, "secret-two-".repeat(4)).magicLink)).not.toEqual(passwordOnly);
  });
});

describe("magic-link requests with a company", () => {
  it("a password-only tenant refuses them server-side, even for its member, and mails nothing", async () => {
    const closed = await tenantWithPolicy(false);
    const member = await memberWithPassword(closed.id, "closed-member");
    const { outcome } = await askForLink(member.email, closed.slug);
    expect(outcome).toMatchObject({ ok: false, code: "FORBIDDEN", fieldErrors: { company: [COMPANY_PASSWORD_ONLY_MESSAGE] } });
    expect(await queuedMailTo(member.email)).toEqual([]);
    // Typed with capitals and spaces, it is the same company.
    expect((await askForLink(member.email, `  ${closed.slug.toUpperCase()} `)).outcome).toEqual(outcome);
    expect(await queuedMailTo(member.email)).toEqual([]);
    // Without a company, today's flow: the link is sent.
    expect((await askForLink(member.email, "")).outcome).toBe("redirect:/login/check-email");
    expect((await queuedMailTo(member.email)).map((m) => m.purpose)).toEqual(["auth.magic_link"]);
  });

  it("answers a known and an unknown password-only company identically, no sooner than the floor", async () => {
    const closed = await tenantWithPolicy(false);
    const member = await memberWithPassword(closed.id, "closed-known");
    const known = await askForLink(member.email, closed.slug);
    const unknown = await askForLink(member.email, unknownCompanyWithPolicy(false));
    expect(unknown.outcome).toEqual(known.outcome);
    for (const { ms } of [known, unknown]) expect(ms).toBeGreaterThanOrEqual(MAGIC_LINK_ANSWER_FLOOR_MS - 5);
    expect(await queuedMailTo(member.email)).toEqual([]);
  });

  it("answers a known and an unknown magic-link company identically (Check your email), no sooner than the floor", async () => {
    const open = await tenantWithPolicy(true);
    const member = await memberWithPassword(open.id, "open-known");
    const stranger = `nobody-${uniqueSuffix()}@example.test`;
    const answers = [
      await askForLink(member.email, open.slug),
      await askForLink(member.email, unknownCompanyWithPolicy(true)),
      await askForLink(stranger, open.slug),
      await askForLink(stranger, unknownCompanyWithPolicy(true)),
    ];
    for (const { outcome, ms } of answers) {
      expect(outcome).toBe("redirect:/login/check-email");
      expect(ms).toBeGreaterThanOrEqual(MAGIC_LINK_ANSWER_FLOOR_MS - 5);
      expect(ms).toBeLessThan(MAGIC_LINK_ANSWER_FLOOR_MS + 1_000);
    }
    expect(await queuedMailTo(stranger)).toEqual([]);
  });

  it("the link lands a member in the company's tenant, a non-member where they were going", async () => {
    const open = await tenantWithPolicy(true);
    const member = await memberWithPassword(open.id, "open-lands");
    const outsider = await createUser("open-outsider");
    await askForLink(member.email, open.slug, "/profile");
    await askForLink(outsider.email, open.slug, "/profile");
    expect(await linkReturnPath(member.email)).toBe(`/t/${open.slug}`);
    expect(await linkReturnPath(outsider.email)).toBe("/profile");
  });
});

describe("password sign-in with a company", () => {
  it("lands a member in the tenant, keeps a return path inside it, and a non-member's usual landing", async () => {
    const closed = await tenantWithPolicy(false);
    const member = await memberWithPassword(closed.id, "pw-lands");
    const other = await createTenant("other");
    const outsider = await memberWithPassword(other.id, "pw-outsider");
    expect((await tryPassword(member.email, PASSWORD, closed.slug)).outcome).toBe(`redirect:/t/${closed.slug}`);
    expect((await tryPassword(member.email, PASSWORD, closed.slug, `/t/${closed.slug}/flows`)).outcome).toBe(
      `redirect:/t/${closed.slug}/flows`,
    );
    expect((await tryPassword(member.email, PASSWORD, closed.slug, `/t/${closed.slug}?tab=1`)).outcome).toBe(
      `redirect:/t/${closed.slug}?tab=1`,
    );
    // A path that only starts with the slug's letters is another tenant's ("/t/acme-evil" is not in "acme").
    expect((await tryPassword(member.email, PASSWORD, closed.slug, `/t/${closed.slug}-evil`)).outcome).toBe(`redirect:/t/${closed.slug}`);
    // A return path into another tenant is not where the company asked to go.
    expect((await tryPassword(member.email, PASSWORD, closed.slug, `/t/${other.slug}`)).outcome).toBe(`redirect:/t/${closed.slug}`);
    expect((await tryPassword(outsider.email, PASSWORD, closed.slug)).outcome).toBe("redirect:/profile");
    expect((await tryPassword(member.email, PASSWORD, "")).outcome).toBe("redirect:/profile");
  });

  it("a suspended or invited membership does not land in the tenant", async () => {
    const open = await tenantWithPolicy(true);
    const user = await createUser("pw-invited");
    await withSystem(async (tx) => setPasswordHash(tx, user.id, await hashPassword(PASSWORD)));
    await withTenant({ tenantId: open.id, userId: null }, (tx) => insertMembership(tx, { userId: user.id, roles: ["viewer"], status: "invited" }));
    expect((await tryPassword(user.email, PASSWORD, open.slug)).outcome).toBe("redirect:/profile");
  });

  it("refuses a wrong password the same way for a known company, an unknown one and none", async () => {
    const closed = await tenantWithPolicy(false);
    const member = await memberWithPassword(closed.id, "pw-wrong");
    const refusals = [
      await tryPassword(member.email, "wrong password", closed.slug),
      await tryPassword(member.email, "wrong password", unknownCompanyWithPolicy(false)),
      await tryPassword(member.email, "wrong password", unknownCompanyWithPolicy(true)),
      await tryPassword(`nobody-${uniqueSuffix()}@example.test`, "wrong password", closed.slug),
      await tryPassword(member.email, "wrong password", ""),
    ].map((r) => r.outcome);
    expect(refusals[0]).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    for (const refusal of refusals) expect(refusal).toEqual(refusals[0]);
  });
});
