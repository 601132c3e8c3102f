// A real OpenID provider for the tests: oidc-provider on a free local port, with its own RSA signing key,
// dynamic client registration (a client per tenant under test, each with its redirect URIs) and a
// minimal login interaction: a form that takes an address and signs in as it (no password: the
// provider is the tests', what is under test is the relying party). Consent is granted up front
// (loadExistingGrant), so an authorization ends in a redirect back with a code.
// `tamper` lets the attack tests bend the next ID tokens' claims (audience, issuer, expiry, nonce):
// the token endpoint's real answer is re-signed with the provider's own key, so only the bent claim is
// wrong. Also used by the e2e suite (e2e/support/oidc-op-server.ts).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import Provider from "oidc-provider";

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function readBody(request: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface TestOp {
  issuer: string;
  /** Registers a confidential client (client_secret_basic, code flow) for these redirect URIs. */
  registerClient(redirectUris: string[]): Promise<{ clientId: string; clientSecret: string }>;
  /** Bends the claims of every ID token the token endpoint answers with, until set to null. */
  tamper: ((claims: JWTPayload) => JWTPayload) | null;
  /** Whether the provider says the addresses it vouches for are verified. */
  emailVerified: boolean;
  /** Follows an authorization URL through the login form as `email`: the redirect back (code, state, iss). */
  signInAs(authorizationUrl: string, email: string): Promise<URL>;
  close(): Promise<void>;
}

export async function startTestOp(): Promise<TestOp> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = "test-op-key";
  const signingJwk = { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" };

  const op: TestOp = {
    issuer,
    tamper: null,
    emailVerified: true,
    async registerClient(redirectUris) {
      const response = await fetch(`${issuer}/reg`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ redirect_uris: redirectUris, grant_types: ["authorization_code"], response_types: ["code"], token_endpoint_auth_method: "client_secret_basic" }),
      });
      const client = (await response.json()) as { client_id: string; client_secret: string };
      if (!response.ok) throw new Error(`registration failed: ${JSON.stringify(client)}`);
      return { clientId: client.client_id, clientSecret: client.client_secret };
    },
    signInAs: (authorizationUrl, email) => signInAs(issuer, authorizationUrl, email),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const provider = new Provider(issuer, {
    jwks: { keys: [signingJwk as never] },
    cookies: { keys: ["tests-only-oidc-provider-cookie-key"] },
    features: { devInteractions: { enabled: false }, registration: { enabled: true } },
    claims: { openid: ["sub"], email: ["email", "email_verified"] },
    scopes: ["openid", "email"],
    pkce: { required: () => true },
    // Short-lived, as a test run is (and set, so the provider does not warn about its defaults).
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, accountId) => ({ accountId, claims: () => ({ sub: accountId, email: accountId, email_verified: op.emailVerified }) }),
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope("openid email");
      await grant.save();
      return grant;
    },
  });
  const handle = provider.callback();

  server.on("request", async (request, response) => {
    try {
      const url = new URL(request.url ?? "/", issuer);
      const interaction = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
      if (interaction && request.method === "GET") {
        await provider.interactionDetails(request, response);
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        response.end(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test OpenID provider</title></head><body><main><h1>Test OpenID provider</h1>` +
            `<form method="post" action="/interaction/${escapeHtml(interaction[1]!)}/login"><label>Email <input name="email" type="email"></label><button>Sign in</button></form></main></body></html>`,
        );
        return;
      }
      if (interaction?.[2] && request.method === "POST") {
        const email = new URLSearchParams((await readBody(request)).toString("utf8")).get("email") ?? "";
        await provider.interactionFinished(request, response, { login: { accountId: email } }, { mergeWithLastSubmission: false });
        return;
      }
      if (url.pathname === "/token" && request.method === "POST" && op.tamper && !request.headers["x-untampered"]) {
        const real = await fetch(`${issuer}/token`, {
          method: "POST",
          headers: { authorization: request.headers.authorization ?? "", "content-type": request.headers["content-type"] ?? "", "x-untampered": "1" },
          body: (await readBody(request)).toString("utf8"),
        });
        const answer = (await real.json()) as { id_token?: string };
        if (answer.id_token) {
          answer.id_token = await new SignJWT(op.tamper(decodeJwt(answer.id_token))).setProtectedHeader({ alg: "RS256", kid }).sign(privateKey);
        }
        response.writeHead(real.status, { "content-type": "application/json", "cache-control": "no-store" });
        response.end(JSON.stringify(answer));
        return;
      }
      handle(request, response);
    } catch (error) {
      response.writeHead(500, { "content-type": "text/plain" });
      response.end(error instanceof Error ? error.message : String(error));
    }
  });
  return op;
}

/** A browser's way through the provider, with its cookies: authorization, login form, back to the client. */
async function signInAs(issuer: string, authorizationUrl: string, email: string): Promise<URL> {
  const jar = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return response;
  };
  let response = await send(authorizationUrl);
  for (let hops = 0; hops < 10; hops += 1) {
    const location = response.headers.get("location");
    if (!location) throw new Error(`the provider answered ${response.status}: ${await response.text()}`);
    const next = new URL(location, issuer);
    if (next.origin !== issuer) return next;
    const interaction = /^\/interaction\/([^/]+)$/.exec(next.pathname);
    if (interaction) {
      await send(next.href);
      response = await send(`${issuer}/interaction/${interaction[1]}/login`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email }).toString(),
      });
    } else {
      response = await send(next.href);
    }
  }
  throw new Error("too many redirects at the provider");
}
