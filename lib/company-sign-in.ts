// Company sign-in (issue 15, item 2): /login?company=<slug> and /login/<slug> apply that tenant's
// login policy up front and land in it.
//
// The rule that keeps the Company field from revealing which tenants exist: every company, real or
// not, gets a policy, and the page and the server answer from that policy alone.
// - A real tenant: its own policy (magic links on: both ways to sign in; off: password only).
// - Any other value (no such tenant, or not even a slug): a decoy policy, fixed per value by an HMAC
//   under the server's secret, password-only for about one value in four and both ways otherwise. A
//   password-only page therefore does not prove a tenant exists, a both-ways page does not prove one
//   is missing, and asking again gives the same answer (a random decoy would flip between visits).
// - The answers under a policy are the same for real and decoy companies: a magic-link request is
//   refused with the same message when the policy is password-only, and otherwise answers "Check your
//   email" (a link goes out only to an account, as without a company); a wrong password gets the same
//   generic refusal. Whether the account is a member shows only after a successful sign-in, in where
//   it lands (/t/<slug> for members, the usual landing otherwise).
import "server-only";
import { createHmac } from "node:crypto";
import { findLoginPolicyBySlug, findMembershipBySlug } from "@/db/queries/tenants";
import { withSystem, withUser } from "@/db/scopes";
import { getEnv } from "./env";
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from "./tenant-slug";

export interface CompanyPolicy {
  magicLink: boolean;
}

export const COMPANY_PASSWORD_ONLY_MESSAGE =
  "This company signs in with a password only. Enter your password, or clear Company to get an email link.";

/** What was typed in Company, as a slug would be written ("  Acme " is "acme"); null when empty. */
export function companyValue(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const value = raw.trim().toLowerCase().slice(0, SLUG_MAX_LENGTH * 2);
  return value === "" ? null : value;
}

/** The decoy policy of a value that names no tenant: password-only for about one value in four. */
export function decoyPolicy(company: string, secret = getEnv().authSecret): CompanyPolicy {
  const digest = createHmac("sha256", secret).update(`company-sign-in-decoy:${company}`).digest();
  return { magicLink: digest[0]! >= 64 };
}

/** The policy the sign-in applies for `company`: the tenant's own, else its decoy (see above). */
export async function companyPolicy(company: string): Promise<CompanyPolicy> {
  // Same one query for every value, slug-shaped or not, so the time says nothing either.
  const slug = SLUG_PATTERN.test(company) ? company : "";
  const tenant = await withSystem((tx) => findLoginPolicyBySlug(tx, slug));
  return tenant ? { magicLink: tenant.magicLinkEnabled } : decoyPolicy(company);
}

/**
 * Where a sign-in with `company` lands: inside the tenant when the account is an active member (the
 * return path kept when it already points inside that tenant), else the usual return path.
 */
export async function companyLanding(userId: string, company: string | null, returnTo: string): Promise<string> {
  if (!company || !SLUG_PATTERN.test(company)) return returnTo;
  const membership = await withUser({ userId }, (tx) => findMembershipBySlug(tx, userId, company));
  if (membership?.status !== "active") return returnTo;
  const home = `/t/${company}`;
  return returnTo === home || returnTo.startsWith(`${home}/`) || returnTo.startsWith(`${home}?`) ? returnTo : home;
}
