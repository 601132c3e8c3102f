// What the sign-in needs from an assertion node-saml has already validated (signature, audience,
// issuer, times): its id and how long to remember it, and the user's address.
import type { Profile } from "@node-saml/node-saml";
import { EmailAddressSchema } from "../email-address";
import { CLOCK_SKEW_MS } from "./saml-service-provider";

/** Remembered at least this long even when the assertion says nothing of its own lifetime. */
const MIN_REMEMBER_MS = 60 * 60 * 1000;

/** The attribute name that means "the assertion's NameID" rather than an attribute. */
export const NAME_ID_ATTRIBUTE = "NameID";

type XmlJs = { $?: Record<string, string> } & Record<string, unknown>;

function first(value: unknown): XmlJs | undefined {
  return Array.isArray(value) ? (value[0] as XmlJs | undefined) : undefined;
}

/** The latest NotOnOrAfter the assertion carries (Conditions and subject confirmations). */
function latestNotOnOrAfter(assertion: XmlJs): number | null {
  const times: string[] = [];
  const conditions = first(assertion.Conditions);
  if (conditions?.$?.NotOnOrAfter) times.push(conditions.$.NotOnOrAfter);
  const subject = first(assertion.Subject);
  for (const confirmation of (subject?.SubjectConfirmation as XmlJs[] | undefined) ?? []) {
    const data = first(confirmation.SubjectConfirmationData);
    if (data?.$?.NotOnOrAfter) times.push(data.$.NotOnOrAfter);
  }
  const ms = times.map((time) => Date.parse(time)).filter((time) => Number.isFinite(time));
  return ms.length ? Math.max(...ms) : null;
}

/**
 * The assertion's ID and until when a replay of it must be refused: past its last NotOnOrAfter
 * (plus the tolerated clock skew) node-saml refuses it anyway; at least an hour.
 */
export function assertionFacts(profile: Profile, nowMs: number): { id: string; rememberUntil: Date } | null {
  const assertion = (profile.getAssertion?.() as { Assertion?: XmlJs } | undefined)?.Assertion;
  const id = assertion?.$?.ID;
  if (!assertion || !id) return null;
  const until = Math.max(nowMs + MIN_REMEMBER_MS, (latestNotOnOrAfter(assertion) ?? 0) + CLOCK_SKEW_MS);
  return { id, rememberUntil: new Date(until) };
}

/** The address in the configured attribute (its first value) or the NameID, normalised; null when none is an address. */
export function emailOfProfile(profile: Profile, attribute: string): string | null {
  const raw = attribute === NAME_ID_ATTRIBUTE ? profile.nameID : profile[attribute];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string") return null;
  const email = EmailAddressSchema.safeParse(value);
  return email.success ? email.data : null;
}
