// What server.ts does with each request before Next.js sees it: refuse what lib/request-screen.ts
// refuses, then hand the request on with its client address (lib/trusted-proxies.ts) stored for
// lib/client-ip.ts, and keep a concealed /admin request's rewrite out of its response
// (lib/admin-concealment.ts); stamp its headers and the response's security headers
// (lib/request-stamp.ts); a 500 caused by an unreachable database goes out as 503
// (lib/database-outage-status.ts).
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import { hideConcealment } from "./admin-concealment";
import { answer503OnDatabaseOutage } from "./database-outage-status";
import { runWithClientAddress } from "./request-address";
import { screenRequest } from "./request-screen";
import { stampRequest } from "./request-stamp";
import { clientAddressOf, type TrustProxy } from "./trusted-proxies";

type Handle = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export function createRequestListener(handle: Handle, trust: TrustProxy) {
  return async function listener(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const refusal = await screenRequest(request);
      if (refusal !== null) {
        // With a body: browsers replace an empty error answer with an error page of their own.
        response.writeHead(refusal, { "content-type": "text/plain; charset=utf-8" }).end(STATUS_CODES[refusal] ?? "Refused");
        return;
      }
      stampRequest(request, response);
      hideConcealment(response);
      await runWithClientAddress(clientAddressOf(request, trust), () => answer503OnDatabaseOutage(response, () => handle(request, response)));
    } catch (error) {
      console.error(error);
      if (!response.headersSent) response.writeHead(500).end();
      else response.end();
    }
  };
}
