// A real SAML identity provider for the tests: samlify, with its own RSA key and X.509 certificate
// (tests/support/saml/*.pem, test-only), signing real XML. It publishes its metadata for the tenant's
// settings, reads the AuthnRequests node-saml sends, and answers with login responses that the attack
// tests bend (audience, times, signature, address) through samlify's template hook.
import { readFileSync } from "node:fs";
import path from "node:path";
import * as samlifyModule from "samlify";

// Node's own ESM loader (Playwright's) sees only some of samlify's CommonJS exports by name (not
// SamlLib); its default export is the whole module.exports under either loader.
const samlify: typeof samlifyModule = (samlifyModule as { default?: typeof samlifyModule }).default ?? samlifyModule;

// samlify asks for an XML schema validator before it parses anything. The one it recommends
// (@authenio/samlify-xsd-schema-validator) needs Java; the XML under test is what node-saml (the
// code under test) validates, so this IdP trusts the AuthnRequests it is handed.
samlify.setSchemaValidator({ validate: async () => "skipped" });

const { namespace } = samlify.Constants;
const binding = { redirect: namespace.binding.redirect, post: namespace.binding.post };
const pem = (name: string) => readFileSync(path.join(import.meta.dirname, "saml", name), "utf8");

export type SigningMode = "assertion" | "response-only" | "none";

export interface LoginResponseOptions {
  /** Value of the "email" attribute (and the NameID). */
  email: string;
  /** The AuthnRequest's id (SP-initiated); none for IdP-initiated. */
  inResponseTo?: string;
  /** Tag values to force (e.g. Audience, ConditionsNotOnOrAfter). */
  overrides?: Record<string, string>;
  signing?: SigningMode;
}

function attributeStatement(email: string): string {
  return (
    '<saml:AttributeStatement><saml:Attribute Name="email" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">' +
    `<saml:AttributeValue xsi:type="xs:string">${email}</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>`
  );
}

export function startTestIdp(options: { entityId: string; ssoUrl: string; key?: "idp" | "other-idp" }) {
  const key = options.key ?? "idp";
  const idp = samlify.IdentityProvider({
    entityID: options.entityId,
    privateKey: pem(`${key}-key.pem`),
    signingCert: pem(`${key}-cert.pem`),
    nameIDFormat: [namespace.format.emailAddress],
    singleSignOnService: [{ Binding: binding.redirect, Location: options.ssoUrl }],
  });

  /** The SP as the tenant's own metadata describes it (signed assertions wanted). */
  const spFromMetadata = (spMetadataXml: string) => samlify.ServiceProvider({ metadata: spMetadataXml });

  return {
    entityId: options.entityId,
    metadata: idp.getMetadata(),
    certificate: pem(`${key}-cert.pem`),

    /** The id of the AuthnRequest in an SP-initiated redirect to this IdP. */
    async requestIdOf(spMetadataXml: string, redirectUrl: string): Promise<string> {
      const url = new URL(redirectUrl);
      const query = Object.fromEntries(url.searchParams);
      const parsed = await idp.parseLoginRequest(spFromMetadata(spMetadataXml), "redirect", { query, octetString: url.search.slice(1) } as never);
      return (parsed.extract as { request: { id: string } }).request.id;
    },

    /** A base64 SAMLResponse (HTTP-POST binding) for the SP described by `spMetadataXml`. */
    async loginResponse(spMetadataXml: string, response: LoginResponseOptions): Promise<string> {
      const signing = response.signing ?? "assertion";
      const described = spFromMetadata(spMetadataXml);
      const acs = described.entityMeta.getAssertionConsumerService(binding.post) as string;
      const sp =
        signing === "response-only"
          ? samlify.ServiceProvider({
              entityID: described.entityMeta.getEntityID(),
              assertionConsumerService: [{ Binding: binding.post, Location: acs }],
              wantAssertionsSigned: false,
              wantMessageSigned: true,
            })
          : described;
      const now = new Date();
      const later = new Date(now.getTime() + 5 * 60 * 1000);
      const id = `_${crypto.randomUUID()}`;
      const values: Record<string, string | undefined> = {
        ID: id,
        AssertionID: `_${crypto.randomUUID()}`,
        Destination: acs,
        Audience: described.entityMeta.getEntityID(),
        SubjectRecipient: acs,
        Issuer: options.entityId,
        IssueInstant: now.toISOString(),
        StatusCode: samlify.Constants.StatusCode.Success,
        ConditionsNotBefore: now.toISOString(),
        ConditionsNotOnOrAfter: later.toISOString(),
        SubjectConfirmationDataNotOnOrAfter: later.toISOString(),
        NameIDFormat: namespace.format.emailAddress,
        NameID: response.email,
        // None (IdP-initiated): samlify drops the attribute.
        InResponseTo: response.inResponseTo,
        AuthnStatement: "",
        ...response.overrides,
      };
      // samlify escapes every tag value, so the attribute statement (XML) goes into the template itself.
      const fill = (raw: string) =>
        samlify.SamlLib.replaceTagsByValue(raw.replace("{AttributeStatement}", attributeStatement(response.email)), values as Record<string, string>);
      const template = samlify.SamlLib.defaultLoginResponseTemplate.context;
      if (signing === "none") return Buffer.from(fill(template)).toString("base64");
      const { context } = await idp.createLoginResponse(sp, { extract: { request: { id: response.inResponseTo ?? "" } } } as never, "post", { email: response.email }, {
        customTagReplacement: (raw: string) => ({ id, context: fill(raw) }),
      });
      return context;
    },
  };
}

export type TestIdp = ReturnType<typeof startTestIdp>;
