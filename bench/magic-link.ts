// `npm run bench:magic-link`: does the magic-link form's answer time tell whether an address has an
// account? (issue 10, item 3). Against a running production server (BENCH_URL, default
// http://localhost:3000), it submits the sign-in form as a browser without JavaScript would (the form's
// own hidden server-action fields, read from /login), alternating addresses with an account
// (BENCH_KNOWN_EMAILS, default the demo's alice@acme.test and bob@acme.test) and addresses without one,
// BENCH_CONCURRENCY requests at a time (default 1; 24 is "under load"), BENCH_ROUNDS of each (default
// 40). It prints `known_median_ms=<x> unknown_median_ms=<y> difference_ms=<x-y>`.
// Start the server with the magic-link limits raised (MAGIC_LINK_LIMIT_PER_EMAIL/PER_IP, as the
// end-to-end runner does), or the limit's refusals are what gets measured.
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import { DomUtils, parseDocument } from "htmlparser2";
import type { Element } from "domhandler";

const BASE = new URL(process.env.BENCH_URL ?? "http://localhost:3000").origin;
const KNOWN = (process.env.BENCH_KNOWN_EMAILS ?? "alice@acme.test,bob@acme.test").split(",").map((e) => e.trim());
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 1);
const WARMUP = 4;

/** The magic-link form's hidden fields ($ACTION_* and callbackUrl), as the page renders them. */
async function formFields(): Promise<[string, string][]> {
  const page = await fetch(`${BASE}/login`);
  const document = parseDocument(await page.text());
  const forms = DomUtils.getElementsByTagName("form", document);
  const inputsOf = (form: Element) => DomUtils.getElementsByTagName("input", form);
  const form = forms.find((f) => {
    const names = inputsOf(f).map((input) => input.attribs.name);
    return names.includes("email") && !names.includes("password") && names.some((n) => n?.startsWith("$ACTION"));
  });
  if (!form) throw new Error(`No magic-link form with server-action fields on ${BASE}/login`);
  return inputsOf(form)
    .filter((input) => input.attribs.type === "hidden" && input.attribs.name)
    .map((input) => [input.attribs.name!, input.attribs.value ?? ""]);
}

async function submit(fields: [string, string][], email: string): Promise<number> {
  const body = new FormData();
  for (const [name, value] of fields) body.append(name, value);
  body.set("email", email);
  const started = performance.now();
  const response = await fetch(`${BASE}/login`, { method: "POST", body, redirect: "manual", headers: { origin: BASE } });
  await response.arrayBuffer();
  const ms = performance.now() - started;
  const location = response.headers.get("location") ?? "";
  if (!location.includes("/login/check-email")) {
    throw new Error(`${email}: expected a redirect to /login/check-email, got ${response.status} ${location} (limits raised?)`);
  }
  return ms;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function main() {
  const fields = await formFields();
  const jobs: { kind: "known" | "unknown"; email: string }[] = [];
  for (let i = 0; i < ROUNDS + WARMUP; i++) {
    jobs.push({ kind: "known", email: KNOWN[i % KNOWN.length]! });
    jobs.push({ kind: "unknown", email: `nobody-${randomBytes(4).toString("hex")}@bench.example` });
  }
  const times = { known: [] as number[], unknown: [] as number[] };
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      const job = jobs[index]!;
      const ms = await submit(fields, job.email);
      if (index >= 2 * WARMUP) times[job.kind].push(ms);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const known = median(times.known);
  const unknown = median(times.unknown);
  console.log(
    `known_median_ms=${known.toFixed(1)} unknown_median_ms=${unknown.toFixed(1)} difference_ms=${(known - unknown).toFixed(1)} ` +
      `requests=${times.known.length + times.unknown.length} concurrency=${CONCURRENCY}`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
