// IP allow-lists (issue 16): per tenant and per kind of access, CIDR blocks for IPv4 and IPv6 parsed
// and matched by ipaddr.js. An empty list (no row) leaves its kind unrestricted. Which kind a
// permission is, and what a page view needs, are decided here so every entry point agrees.
import ipaddr from "ipaddr.js";
import type { Permission } from "./permissions";

export const ACCESS_KINDS = ["run", "edit", "admin", "package"] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];
/** The settings form's field labels (accessible names) and how messages name a list. */
export const ACCESS_KIND_LABELS = { run: "Run", edit: "Edit", admin: "Admin", package: "Package" } as const satisfies Record<AccessKind, string>;

export type IpAllowLists = Partial<Record<AccessKind, string[]>>;

export const IP_REFUSED_MESSAGE = "Your address is not allowed to do this in this tenant (IP allow-list).";
export const IP_REFUSED_PAGE_MESSAGE = "Your address is not allowed to open this tenant (IP allow-list).";

// Which list guards a permission: running flows (and the API) is "run"; changing flows and
// connections "edit"; members, settings, keys and the tenant itself "admin". Reads guard nothing on
// their own: a page view is checked as a whole (pageAllowed), the activity export as "package".
const KIND_OF: Partial<Record<Permission, AccessKind>> = {
  "flows.run": "run",
  "flows.write": "edit",
  "credentials.manage": "edit",
  "members.manage": "admin",
  "settings.manage": "admin",
  "tenant.delete": "admin",
  "api_keys.manage": "admin",
  "packages.manage": "package",
};

export function kindOfPermission(permission: Permission): AccessKind | null {
  return KIND_OF[permission] ?? null;
}

// Only the usual spellings: ipaddr.parse also takes "1.2.3", octal "010.1.1.1" and IPv6 zone ids
// ("fe80::1%eth0"), which nobody means in a list of networks.
function strictAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (text.includes(":") && !text.includes("%") && ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return null;
}

/** One block in canonical form ("10.0.0.0/8", "2001:db8::/32"); a bare address is its own block. Null when not one. */
export function parseCidr(text: string): string | null {
  const [addressText = "", prefixText, ...rest] = text.trim().split("/");
  const address = strictAddress(addressText);
  if (!address || rest.length) return null;
  const longest = address.kind() === "ipv4" ? 32 : 128;
  if (prefixText === undefined) return `${address.toString()}/${longest}`;
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > longest) return null;
  // The network's first address, so "10.1.2.3/8" is stored as the block it names.
  const cidr = `${address.toString()}/${Number(prefixText)}`;
  const first = address.kind() === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(cidr) : ipaddr.IPv6.networkAddressFromCIDR(cidr);
  return `${first.toString()}/${Number(prefixText)}`;
}

export type ParsedList = { ok: true; cidrs: string[] } | { ok: false; message: string };

/** A textarea's list: one block per line (commas and spaces separate too); each once, in canonical form. */
export function parseCidrList(text: string): ParsedList {
  const entries = text.split(/[\s,]+/).filter(Boolean);
  const bad = entries.filter((entry) => parseCidr(entry) === null);
  if (bad.length) return { ok: false, message: `Not an IPv4 or IPv6 address or CIDR block: ${bad.slice(0, 3).join(", ")}` };
  return { ok: true, cidrs: [...new Set(entries.map((entry) => parseCidr(entry)!))] };
}

/** Whether the address is inside one of the blocks; an empty list allows everyone, an unknown address nothing. */
export function addressAllowed(ip: string | null, cidrs: readonly string[] | undefined): boolean {
  if (!cidrs?.length) return true;
  if (!ip || !ipaddr.isValid(ip)) return false;
  // An IPv4 peer on a dual-stack socket (::ffff:a.b.c.d) counts as the IPv4 address it is.
  const address = ipaddr.process(ip);
  return cidrs.some((cidr) => {
    const range = ipaddr.parseCIDR(cidr);
    return address.kind() === range[0].kind() && address.match(range);
  });
}

/** The kinds whose list refuses the address. */
export function refusingKinds(lists: IpAllowLists, ip: string | null): AccessKind[] {
  return ACCESS_KINDS.filter((kind) => !addressAllowed(ip, lists[kind]));
}

/**
 * A page view: allowed when the address may do at least one kind of thing in the tenant (so an
 * unrestricted kind opens the pages to everyone); each change from the page is then checked by its kind.
 */
export function pageAllowed(lists: IpAllowLists, ip: string | null): boolean {
  return ACCESS_KINDS.some((kind) => addressAllowed(ip, lists[kind]));
}

/** The lock-out guard's question: which of the new lists would refuse the saving Admin. */
export function lockOutMessage(kinds: readonly AccessKind[], ip: string | null): string {
  const names = kinds.map((kind) => ACCESS_KIND_LABELS[kind]).join(", ");
  const address = ip ?? "unknown";
  return `This list does not include your address (${address}): ${names}. Confirm to save it anyway; you may lose access.`;
}
