// The fuzzing loop, against a server that is already running (the CLI's own, or Playwright's in the
// e2e sample): discover what the build exposes, generate `inputs` requests from `seed`, send them a
// few at a time, and count the answers. Every 5xx is kept for the report.
import fc from "fast-check";
import type { Identity } from "./environment";
import { discover, type Discovery } from "./discover";
import { encodeRequest, requestArbitrary } from "./requests";
import { send, type Outcome, type RawRequest } from "./send";
import { DEMO_SLUG, PAGES } from "./targets";

export interface FuzzOptions {
  baseUrl: string;
  cookies: Record<Identity, string>;
  inputs: number;
  seed: number;
  /** The tenant the signed-in users belong to (default: the demo's acme). */
  slug?: string;
  concurrency?: number;
  /** Also send requests that break the protocol (see requests.ts); they need lib/request-screen.ts. */
  protocol?: boolean;
  log?: (line: string) => void;
}

export interface ServerError {
  request: RawRequest;
  outcome: Outcome;
}

export interface FuzzResult {
  discovery: Discovery;
  inputs: number;
  status5xx: number;
  noAnswer: number;
  /** Why requests got no answer (Node's server resets a connection whose request line or headers pass its 16 KiB limit). */
  noAnswerReasons: Record<string, number>;
  byStatus: Record<string, number>;
  serverErrors: ServerError[];
}

const BATCH = 100;

export async function runFuzz(options: FuzzOptions): Promise<FuzzResult> {
  const log = options.log ?? (() => {});
  const slug = options.slug ?? DEMO_SLUG;
  const discoveryPages = PAGES.filter((page) => !page.path.includes("{flowId}")).map((page) => page.path.replace("{slug}", slug));
  // Signed out too: the sign-in pages redirect anyone signed in.
  const discovery = await discover(options.baseUrl, [...discoveryPages, "/login?method=password"], ["", options.cookies.admin, options.cookies.superadmin]);
  // A flow's page has its own actions (rename, delete, run).
  if (discovery.flowIds[0]) {
    const more = await discover(options.baseUrl, [`/t/${slug}/flows/${discovery.flowIds[0]}`], [options.cookies.admin]);
    for (const action of more.actions) if (!discovery.actions.some((known) => known.id === action.id)) discovery.actions.push(action);
    discovery.fieldNames = [...new Set([...discovery.fieldNames, ...more.fieldNames])];
  }
  log(`discovered ${discovery.actions.length} server actions (${discovery.actions.map((a) => a.name || a.id.slice(0, 8)).join(", ")}), ${discovery.fieldNames.length} field names, ${discovery.flowIds.length} flows`);

  const arbitrary = requestArbitrary({ origin: options.baseUrl, slug, cookies: options.cookies, discovery, protocol: options.protocol ?? false });
  const result: FuzzResult = { discovery, inputs: 0, status5xx: 0, noAnswer: 0, noAnswerReasons: {}, byStatus: {}, serverErrors: [] };
  const concurrency = options.concurrency ?? 4;

  for (let start = 0; start < options.inputs; start += BATCH) {
    // Generated a batch at a time (a batch holds a few 100 kB strings, ten thousand would not fit
    // comfortably); each batch has its own seed derived from the run's, so a run is reproducible.
    const specs = fc.sample(arbitrary, { numRuns: Math.min(BATCH, options.inputs - start), seed: options.seed + start });
    let next = 0;
    const worker = async () => {
      while (next < specs.length) {
        let request = await encodeRequest(specs[next++]!);
        let outcome = await send(options.baseUrl, request);
        // An RSC request whose _rsc parameter does not match its headers is redirected to the one
        // that does; the attack is what the server does there, so follow it once.
        if (request.headers.rsc && outcome.status === 307 && outcome.location?.includes("_rsc=")) {
          const target = new URL(outcome.location, options.baseUrl);
          request = { ...request, path: `${target.pathname}${target.search}` };
          outcome = await send(options.baseUrl, request);
        }
        result.inputs++;
        const key = String(outcome.status);
        result.byStatus[key] = (result.byStatus[key] ?? 0) + 1;
        if (outcome.status === "no answer") {
          result.noAnswer++;
          const size = request.path.length + JSON.stringify(request.headers).length;
          const reason = `${outcome.error}${size > 16 * 1024 ? " (request line and headers over 16 KiB)" : ""}`;
          result.noAnswerReasons[reason] = (result.noAnswerReasons[reason] ?? 0) + 1;
          if (result.noAnswer <= 5) log(`no answer (${outcome.error}): ${request.label}: ${request.method} ${request.path.slice(0, 120)}`);
        }
        else if (outcome.status >= 500) {
          result.status5xx++;
          result.serverErrors.push({ request, outcome });
          const body = request.body ? ` body=${JSON.stringify(request.body.toString("utf8").slice(0, 300))}` : "";
          log(`5xx: ${outcome.status} ${request.label}: ${request.method} ${request.path.slice(0, 300)} headers=${JSON.stringify(request.headers)}${body}`);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    if ((start / BATCH) % 10 === 9) log(`${result.inputs} inputs, ${result.status5xx} 5xx, ${result.noAnswer} without answer`);
  }
  return result;
}
