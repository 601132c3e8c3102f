// The allow-lists' parsing and matching (lib/ip-allow-list.ts): canonical IPv4/IPv6 blocks, the usual
// spellings only, and which address each list lets through.
import { describe, expect, it } from "vitest";
import { addressAllowed, kindOfPermission, lockOutMessage, pageAllowed, parseCidr, parseCidrList, refusingKinds } from "@/lib/ip-allow-list";

describe("parseCidr", () => {
  it.each([
    ["10.0.0.0/8", "10.0.0.0/8"],
    ["10.1.2.3/8", "10.0.0.0/8"],
    [" 203.0.113.7 ", "203.0.113.7/32"],
    ["0.0.0.0/0", "0.0.0.0/0"],
    ["2001:DB8::1/32", "2001:db8::/32"],
    ["2001:db8:0:0:0:0:0:1", "2001:db8::1/128"],
    ["::/0", "::/0"],
    ["::ffff:10.0.0.1/128", "::ffff:a00:1/128"],
  ])("reads %s as %s", (text, canonical) => {
    expect(parseCidr(text)).toBe(canonical);
  });

  it.each(["", "abc", "1.2.3", "010.1.1.1", "300.1.1.1", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "2001:db8::/129", "2001:db8::/x", "1.2.3.4/08a", "fe80::1%eth0"])(
    "refuses %j",
    (text) => {
      expect(parseCidr(text)).toBeNull();
    },
  );
});

describe("parseCidrList", () => {
  it("splits on lines, commas and spaces, and keeps each block once", () => {
    expect(parseCidrList("10.0.0.0/8\n10.9.9.9/8, 2001:db8::/32  192.0.2.1\n\n")).toEqual({
      ok: true,
      cidrs: ["10.0.0.0/8", "2001:db8::/32", "192.0.2.1/32"],
    });
    expect(parseCidrList("  \n ")).toEqual({ ok: true, cidrs: [] });
  });

  it("names the entries that are not blocks", () => {
    expect(parseCidrList("10.0.0.0/8\nnope\n1.2.3.4/40")).toEqual({
      ok: false,
      message: "Not an IPv4 or IPv6 address or CIDR block: nope, 1.2.3.4/40",
    });
  });
});

describe("addressAllowed", () => {
  it("lets everyone through an empty list, and an unknown address through no other", () => {
    expect(addressAllowed("198.51.100.1", [])).toBe(true);
    expect(addressAllowed(null, undefined)).toBe(true);
    expect(addressAllowed(null, ["0.0.0.0/0"])).toBe(false);
    expect(addressAllowed("not an address", ["0.0.0.0/0"])).toBe(false);
  });

  it("matches IPv4 and IPv6 blocks by their own family, an IPv4-mapped peer as IPv4", () => {
    const list = ["10.0.0.0/8", "2001:db8::/32"];
    expect(addressAllowed("10.255.0.1", list)).toBe(true);
    expect(addressAllowed("11.0.0.1", list)).toBe(false);
    expect(addressAllowed("2001:db8:1::5", list)).toBe(true);
    expect(addressAllowed("2001:db9::5", list)).toBe(false);
    expect(addressAllowed("::ffff:10.1.1.1", list)).toBe(true);
    expect(addressAllowed("::ffff:11.1.1.1", list)).toBe(false);
    expect(addressAllowed("::", ["0.0.0.0/0"])).toBe(false);
  });
});

describe("kinds", () => {
  it("maps each guarded permission to its kind and reads to none", () => {
    expect(kindOfPermission("flows.run")).toBe("run");
    expect(kindOfPermission("flows.write")).toBe("edit");
    expect(kindOfPermission("credentials.manage")).toBe("edit");
    for (const permission of ["members.manage", "settings.manage", "tenant.delete", "api_keys.manage"] as const) expect(kindOfPermission(permission)).toBe("admin");
    for (const permission of ["tenant.read", "flows.read", "activity.read", "credentials.use"] as const) expect(kindOfPermission(permission)).toBeNull();
  });

  it("opens a page when the address may do at least one kind of thing", () => {
    const locked = { run: ["10.0.0.0/8"], edit: ["10.0.0.0/8"], admin: ["10.0.0.0/8"], package: ["192.0.2.0/24"] };
    expect(pageAllowed(locked, "10.0.0.1")).toBe(true);
    expect(pageAllowed(locked, "192.0.2.9")).toBe(true);
    expect(pageAllowed(locked, "198.51.100.1")).toBe(false);
    expect(pageAllowed({ ...locked, package: [] }, "198.51.100.1")).toBe(true);
    expect(pageAllowed({}, null)).toBe(true);
  });

  it("lists the kinds that refuse an address, for the lock-out guard", () => {
    expect(refusingKinds({ run: ["10.0.0.0/8"], admin: ["192.0.2.0/24"] }, "10.0.0.1")).toEqual(["admin"]);
    expect(lockOutMessage(["edit", "admin"], "10.0.0.1")).toBe(
      "This list does not include your address (10.0.0.1): Edit, Admin. Confirm to save it anyway; you may lose access.",
    );
  });
});
