// The app server: `npm start` (production) and, with --dev, the demo's development server. A custom
// server rather than `next start` so the app knows who it is talking to: each request's client
// address is taken from its socket (or a trusted proxy, TRUSTED_PROXIES) and kept for
// lib/client-ip.ts, and lib/request-screen.ts may refuse a request before Next.js parses it.
//
//   tsx server.ts [--dev] [--port 3000] [--hostname 0.0.0.0]     (or PORT=3000)
import http from "node:http";
import { parseArgs } from "node:util";

const { values: options } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string", default: process.env.PORT ?? "3000" },
    hostname: { type: "string" },
  },
});
const dev = options.dev;
const port = Number(options.port);
// Next.js reads NODE_ENV while loading, so it is settled before `next` is imported.
if (!process.env.NODE_ENV) Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });

const { default: next } = await import("next");
const { parseTrustedProxies } = await import("./lib/trusted-proxies");
const { createRequestListener } = await import("./lib/request-listener");

let trust;
try {
  trust = parseTrustedProxies(process.env.TRUSTED_PROXIES);
} catch (error) {
  console.error(`Tenantry cannot start: ${(error as Error).message}`);
  process.exit(1);
}

const server = http.createServer();
const app = next({ dev, port, hostname: options.hostname, httpServer: server });
await app.prepare();
server.on("request", createRequestListener(app.getRequestHandler(), trust));
server.listen(port, options.hostname, () => {
  console.log(`Tenantry ${dev ? "(development)" : ""} listening on http://${options.hostname ?? "localhost"}:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}
