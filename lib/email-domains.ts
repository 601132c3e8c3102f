// Approved email domains: what an admin types is normalised to the one form that is stored and
// compared (lower-case ASCII, punycode for international names), so "HTTPS://Bücher.Example/",
// "@bücher.example" and "xn--bcher-kva.example" are the same domain.
import { domainToASCII } from "node:url";

export type DomainParse = { ok: true; domain: string } | { ok: false; message: string };

export const DOMAIN_EXAMPLE_MESSAGE = "Enter a domain name like example.com: letters, digits and hyphens, with at least one dot.";

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Turns what was typed (a domain, a URL, an address or "*.domain") into a stored domain, or says why not. */
export function normaliseDomain(typed: string): DomainParse {
  let value = typed.trim().toLowerCase();
  if (!value) return { ok: false, message: "Enter a domain, like example.com." };
  value = value.replace(/^[a-z][a-z0-9+.-]*:\/\//, ""); // scheme
  value = value.split(/[/?#]/, 1)[0]!; // path, query, fragment
  value = value.slice(value.lastIndexOf("@") + 1); // an address, or user info before the host
  value = value.replace(/:\d*$/, ""); // port
  value = value.replace(/^\*\./, "").replace(/\.$/, ""); // wildcard prefix, root dot
  // Characters a domain cannot have are refused here: domainToASCII would silently drop some of them.
  if (!value || /[\s\\%*,;:'"<>[\]{}|^`!$&()+=~]/.test(value)) return { ok: false, message: DOMAIN_EXAMPLE_MESSAGE };
  const ascii = domainToASCII(value);
  if (!isHostname(ascii)) return { ok: false, message: DOMAIN_EXAMPLE_MESSAGE };
  return { ok: true, domain: ascii };
}

function isHostname(domain: string): boolean {
  if (!domain || domain.length > 253) return false;
  const labels = domain.split(".");
  // At least one dot, and a top-level label that is not a number (so IP addresses are refused).
  return labels.length >= 2 && labels.every((label) => LABEL.test(label)) && !/^\d+$/.test(labels.at(-1)!);
}

/** The domain part of an email address, normalised like stored domains (null when it has none). */
export function domainOfAddress(email: string): string | null {
  const at = email.lastIndexOf("@");
  if (at < 0) return null;
  const parsed = normaliseDomain(email.slice(at + 1));
  return parsed.ok ? parsed.domain : null;
}

/** Whether an address may join a tenant with these approved domains (none approved = any address). */
export function isAddressApproved(email: string, approvedDomains: readonly string[]): boolean {
  if (approvedDomains.length === 0) return true;
  const domain = domainOfAddress(email);
  return domain !== null && approvedDomains.includes(domain);
}
