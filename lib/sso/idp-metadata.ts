// Reads what the SP needs from an identity provider's SAML 2.0 metadata (the XML an Admin pastes in
// Settings → Single sign-on): its entity id, where to send sign-in requests and the certificates its
// signatures verify against. Parsed with @xmldom/xmldom and queried with xpath (the libraries
// @node-saml/node-saml itself uses), never with regular expressions.
import { X509Certificate } from "node:crypto";
import { DOMParser } from "@xmldom/xmldom";
import * as xpath from "xpath";

const MD = "urn:oasis:names:tc:SAML:2.0:metadata";
const DS = "http://www.w3.org/2000/09/xmldsig#";
const REDIRECT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

export const IDP_METADATA_MAX_LENGTH = 200_000;

export interface IdpMetadata {
  entityId: string;
  /** The IdP's HTTP-Redirect SingleSignOnService: node-saml sends AuthnRequests by redirect. */
  ssoUrl: string;
  /** Each signing certificate in PEM, checked to be an X.509 certificate (node:crypto). */
  certs: string[];
}

export type IdpMetadataResult = { ok: true; metadata: IdpMetadata } | { ok: false; message: string };

const select = xpath.useNamespaces({ md: MD, ds: DS });

function parseXml(xml: string): Document | null {
  let failed = false;
  const parser = new DOMParser({
    // xmldom reports malformed input to these handlers instead of throwing.
    errorHandler: { warning: () => undefined, error: () => { failed = true; }, fatalError: () => { failed = true; } },
  });
  try {
    const doc = parser.parseFromString(xml, "text/xml");
    return failed || !doc?.documentElement ? null : doc;
  } catch {
    return null;
  }
}

function isHttpsOrLocalUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || (url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname));
  } catch {
    return false;
  }
}

/** The IdP described by `xml`, or the one thing wrong with it, said so an Admin can fix it. */
export function parseIdpMetadata(xml: string): IdpMetadataResult {
  if (xml.trim() === "") return { ok: false, message: "Paste your identity provider's metadata XML." };
  if (xml.length > IDP_METADATA_MAX_LENGTH) return { ok: false, message: "That metadata is too long (at most 200,000 characters)." };
  const doc = parseXml(xml);
  if (!doc) return { ok: false, message: "That is not well-formed XML. Paste the metadata document exactly as your identity provider gives it." };

  const descriptor = select("//md:EntityDescriptor[md:IDPSSODescriptor][1]", doc, true) as Element | undefined;
  if (!descriptor) return { ok: false, message: "No identity provider (IDPSSODescriptor) found in that metadata." };
  const entityId = descriptor.getAttribute("entityID")?.trim() ?? "";
  if (!entityId) return { ok: false, message: "The metadata's EntityDescriptor has no entityID." };

  const sso = select(`md:IDPSSODescriptor/md:SingleSignOnService[@Binding='${REDIRECT_BINDING}']/@Location`, descriptor, true) as Attr | undefined;
  const ssoUrl = sso?.value.trim() ?? "";
  if (!ssoUrl) return { ok: false, message: "The metadata has no SingleSignOnService with the HTTP-Redirect binding." };
  if (!isHttpsOrLocalUrl(ssoUrl)) return { ok: false, message: "The SingleSignOnService location must be an https:// address." };

  // Keys for signing, or for any use when the use is not said (the metadata specification's default).
  const certNodes = select(
    "md:IDPSSODescriptor/md:KeyDescriptor[not(@use) or @use='signing']/ds:KeyInfo/ds:X509Data/ds:X509Certificate",
    descriptor,
  ) as Element[];
  const bodies = certNodes.map((node) => (node.textContent ?? "").replace(/\s+/g, "")).filter((cert) => cert !== "");
  if (bodies.length === 0) return { ok: false, message: "The metadata has no signing certificate (KeyDescriptor with an X509Certificate)." };
  const certs: string[] = [];
  for (const body of bodies) {
    try {
      certs.push(new X509Certificate(Buffer.from(body, "base64")).toString());
    } catch {
      return { ok: false, message: "A signing certificate in the metadata is not a valid X.509 certificate." };
    }
  }
  return { ok: true, metadata: { entityId, ssoUrl, certs } };
}
