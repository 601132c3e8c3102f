// One raw HTTP request. node:http sends the path exactly as given (no URL normalisation), so
// undecodable escapes and dot segments reach the server as an attacker would send them.
import http from "node:http";

export interface RawRequest {
  method: "GET" | "POST";
  /** Path and query as sent, escapes untouched. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** What the request attacks, for the report. */
  label: string;
}

/** The status, or "no answer" (refused by Node's client, reset, or no answer within the timeout). */
export type Outcome = { status: number; body: string; location?: string } | { status: "no answer"; error: string };

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

export function send(baseUrl: string, request: RawRequest, timeoutMs = 30_000): Promise<Outcome> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: Outcome) => {
      if (!settled) {
        settled = true;
        resolve(outcome);
      }
    };
    try {
      const outgoing = http.request(
        {
          agent,
          hostname,
          port,
          method: request.method,
          path: request.path,
          headers: { ...request.headers, ...(request.body ? { "content-length": String(request.body.length) } : {}) },
          timeout: timeoutMs,
          // Answers may carry a generated 100 kB value back (a Location, a cookie): read them whole,
          // as a browser would, instead of failing at Node's 16 KiB default.
          maxHeaderSize: 1024 * 1024,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on("data", (chunk: Buffer) => {
            // Only the start of a body is kept (for the report of a 5xx).
            if (size < 4096) chunks.push(chunk);
            size += chunk.length;
          });
          response.on("end", () =>
            done({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8").slice(0, 4096), location: response.headers.location }),
          );
          response.on("error", (error) => done({ status: "no answer", error: error.message }));
        },
      );
      outgoing.on("timeout", () => {
        outgoing.destroy(new Error("timeout"));
      });
      outgoing.on("error", (error) => done({ status: "no answer", error: error.message }));
      outgoing.end(request.body);
    } catch (error) {
      // Node's client refuses some paths and header values outright (e.g. a control character).
      done({ status: "no answer", error: (error as Error).message });
    }
  });
}
