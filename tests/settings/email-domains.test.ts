// Approved domains are stored in one normal form, so however an admin types a domain (or an address
// is written), comparisons are exact; anything that is not a hostname with a dot is refused.
import { describe, expect, it } from "vitest";
import { domainOfAddress, isAddressApproved, normaliseDomain } from "@/lib/email-domains";
import { suggestSlug } from "@/lib/tenant-slug";

describe("normaliseDomain", () => {
  it.each([
    ["example.com", "example.com"],
    ["  Example.COM  ", "example.com"],
    ["https://example.com/some/path?q=1#top", "example.com"],
    ["HTTP://user:secret@mail.example.com:8443/", "mail.example.com"],
    ["@example.com", "example.com"],
    ["alice@example.com", "example.com"],
    ["*.example.com", "example.com"],
    ["example.com.", "example.com"],
    ["bücher.example", "xn--bcher-kva.example"],
    ["BÜCHER.example", "xn--bcher-kva.example"],
    ["xn--bcher-kva.example", "xn--bcher-kva.example"],
    ["例え.テスト", "xn--r8jz45g.xn--zckzah"],
  ])("%j is stored as %j", (typed, stored) => {
    expect(normaliseDomain(typed)).toEqual({ ok: true, domain: stored });
  });

  it.each(["", "   ", "localhost", "example", "1.2.3.4", "exa mple.com", "-example.com", "example-.com", "exa_mple.com", "a..b", "example.com,other.com", "%65xample.com", `${"a".repeat(64)}.com`, `${"a.".repeat(127)}com`])(
    "refuses %j",
    (typed) => {
      expect(normaliseDomain(typed)).toMatchObject({ ok: false, message: expect.stringMatching(/domain/) });
    },
  );
});

describe("isAddressApproved (for the members list and the add-member form)", () => {
  it("lets any address in when no domain is approved", () => {
    expect(isAddressApproved("anyone@anywhere.test", [])).toBe(true);
  });

  it("matches the address's domain exactly, in normal form", () => {
    const approved = ["acme.com", "xn--bcher-kva.example"];
    expect(isAddressApproved("Alice@ACME.com", approved)).toBe(true);
    expect(isAddressApproved("bob@bücher.example", approved)).toBe(true);
    expect(isAddressApproved("eve@evil-acme.com", approved)).toBe(false);
    expect(isAddressApproved("eve@acme.com.evil.test", approved)).toBe(false);
    expect(isAddressApproved("eve@sub.acme.com", approved)).toBe(false);
    expect(isAddressApproved("no-at-sign", approved)).toBe(false);
    expect(domainOfAddress("x@ACME.com")).toBe("acme.com");
  });
});

describe("suggestSlug", () => {
  it.each([
    ["Acme Corp", "acme-corp"],
    ["  Café Zürich & Co.  ", "cafe-zurich-co"],
    ["---", ""],
    ["Ünïcödé 2025!", "unicode-2025"],
    ["x".repeat(60), "x".repeat(48)],
    [`${"a".repeat(47)} b`, "a".repeat(47)],
  ])("%j suggests %j", (name, slug) => {
    expect(suggestSlug(name)).toBe(slug);
  });
});
