// Reading an IdP's metadata (what an Admin pastes) and where a SAML sign-in lands: each thing wrong
// with the metadata gets its own message; a RelayState never leads outside the tenant.
import { describe, expect, it } from "vitest";
import { parseIdpMetadata } from "@/lib/sso/idp-metadata";
import { landingAfterSaml } from "@/lib/sso/saml-landing";
import { startTestIdp } from "../support/saml-idp";

const idp = startTestIdp({ entityId: "https://idp.example.test/metadata", ssoUrl: "https://idp.example.test/sso" });
const REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
const certBody = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s/g, "");

function metadata({ location = "https://idp.example.test/sso", binding = REDIRECT, cert = certBody(idp.certificate), use = "signing" } = {}) {
  return `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="https://idp.example.test/metadata">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="${use}"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="${binding}" Location="${location}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
}

describe("parseIdpMetadata", () => {
  it("reads samlify's own metadata: entity id, redirect SSO address and the signing certificate as PEM", () => {
    expect(parseIdpMetadata(idp.metadata)).toEqual({
      ok: true,
      metadata: { entityId: "https://idp.example.test/metadata", ssoUrl: "https://idp.example.test/sso", certs: [expect.stringMatching(/^-----BEGIN CERTIFICATE-----/)] },
    });
  });

  it.each([
    ["empty", "  ", /Paste/],
    ["not XML", "<md:EntityDescriptor", /not well-formed XML/],
    ["no IdP", '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>', /No identity provider/],
    ["only a POST binding", metadata({ binding: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" }), /HTTP-Redirect/],
    ["a plain-http address elsewhere", metadata({ location: "http://idp.example.test/sso" }), /https/],
    ["an encryption-only key", metadata({ use: "encryption" }), /no signing certificate/],
    ["a certificate that is not one", metadata({ cert: "bm90IGEgY2VydGlmaWNhdGU=" }), /not a valid X.509/],
    ["too long", "x".repeat(200_001), /too long/],
  ])("refuses %s with a message saying so", (_, xml, message) => {
    const parsed = parseIdpMetadata(xml);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? "" : parsed.message).toMatch(message);
  });
});

describe("landingAfterSaml", () => {
  it("keeps a RelayState inside the tenant and sends anything else to its overview", () => {
    expect(landingAfterSaml("acme", "/t/acme/members?page=2")).toBe("/t/acme/members?page=2");
    expect(landingAfterSaml("acme", "/t/acme")).toBe("/t/acme");
    expect(landingAfterSaml("acme", "/t/acme-evil/members")).toBe("/t/acme");
    expect(landingAfterSaml("acme", "/t/globex")).toBe("/t/acme");
    expect(landingAfterSaml("acme", "https://evil.example/t/acme")).toBe("/t/acme");
    expect(landingAfterSaml("acme", "//evil.example")).toBe("/t/acme");
    expect(landingAfterSaml("acme", null)).toBe("/t/acme");
  });
});
