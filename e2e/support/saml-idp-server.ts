// A small SAML identity provider for the end-to-end tests: an HTTP server on a free local port around
// the tests' samlify IdP (tests/support/saml-idp.ts). Its sign-in page takes an address and answers
// the AuthnRequest with a signed response, posted to the tenant's ACS by the page's "Continue" button.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { startTestIdp } from "../../tests/support/saml-idp";

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}

async function formBody(request: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/** Starts the IdP for the SP whose metadata is at `spMetadataUrl`; `close` stops it. */
export async function startIdpServer(spMetadataUrl: string) {
  const spMetadata = await (await fetch(spMetadataUrl)).text();
  const acs = /AssertionConsumerService[^>]*Location="([^"]+)"/.exec(spMetadata)?.[1];
  if (!acs) throw new Error("no ACS in the SP metadata");
  let idp: ReturnType<typeof startTestIdp> | null = null;

  const server = http.createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      if (request.method === "GET" && url.pathname === "/sso") {
        const requestId = await idp!.requestIdOf(spMetadata, url.toString());
        const relayState = url.searchParams.get("RelayState") ?? "";
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        response.end(
          page(
            "Test identity provider",
            `<form method="post" action="/respond"><input type="hidden" name="requestId" value="${escapeHtml(requestId)}">` +
              `<input type="hidden" name="RelayState" value="${escapeHtml(relayState)}">` +
              `<label>Email <input name="email" type="email"></label> <button type="submit">Sign in</button></form>`,
          ),
        );
        return;
      }
      if (request.method === "POST" && url.pathname === "/respond") {
        const form = await formBody(request);
        const samlResponse = await idp!.loginResponse(spMetadata, { email: form.get("email") ?? "", inResponseTo: form.get("requestId") ?? undefined });
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        response.end(
          page(
            "Signed in at the identity provider",
            `<form method="post" action="${escapeHtml(acs)}"><input type="hidden" name="SAMLResponse" value="${escapeHtml(samlResponse)}">` +
              `<input type="hidden" name="RelayState" value="${escapeHtml(form.get("RelayState") ?? "")}"><button type="submit">Continue</button></form>`,
          ),
        );
        return;
      }
      response.writeHead(404).end();
    } catch (error) {
      response.writeHead(500, { "content-type": "text/plain" }).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  idp = startTestIdp({ entityId: `http://127.0.0.1:${port}/metadata`, ssoUrl: `http://127.0.0.1:${port}/sso` });
  return { metadata: idp.metadata, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
