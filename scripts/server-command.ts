// How the production app server is started: `npm start` (package.json) and every script that starts
// one itself (the page benchmark, the fuzzer, the soak run, the two-server spec), so what they measure
// or attack is the server users run. tests/config/server-command.test.ts holds package.json to it.

/**
 * Node.js flags of the production server. A young generation of 64 MB semi-spaces (V8's default is
 * 16 MB): a page view allocates a few MB (the React render, the RSC payload, query results), and
 * with the default most of it was scavenged and copied several times while still alive under
 * concurrent requests; garbage collection was about an eighth of the server's busy time. Measured
 * with `npm run bench:pages` (issue 11): members page +10-25 % req/s at 16 connections.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=64"];

/** The command and arguments that run server.ts in production on `port` (tsx passes Node's flags on). */
export function productionServerCommand(port: number, extra: string[] = []): [command: string, args: string[]] {
  return ["node_modules/.bin/tsx", [...SERVER_NODE_FLAGS, "server.ts", "--port", String(port), ...extra]];
}
