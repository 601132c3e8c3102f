// Runs lib/request-stamp.ts on a request as Node.js hands it over (lower-case header names), and
// gives back the headers the app then sees and those set on the response.
import type { IncomingHttpHeaders } from "node:http";
import { stampRequest } from "@/lib/request-stamp";

export function stamped(path: string, init: { method?: string; headers?: Record<string, string>; tls?: boolean } = {}) {
  const request: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(init.headers ?? {})) request[name.toLowerCase()] = value;
  const response = new Map<string, string>();
  stampRequest(
    { method: init.method ?? "GET", url: path, headers: request, socket: { encrypted: init.tls ?? false } as never },
    { setHeader: (name: string, value: string) => (response.set(name.toLowerCase(), value), undefined as never) } as never,
  );
  return { request, response };
}
