// Generated requests: pages with generated parameters, raw paths, route handlers with generated
// fields, and server actions called with generated arguments. Everything is sent the way a real
// client could encode it (valid JSON, valid multipart, the app's own Origin), so a 5xx means the
// app failed on a value, not that the request could not be read.
// `protocol` adds requests that break the protocol itself (a malformed router-state header, a
// foreign Origin on an action, a body that is not the Flight encoding): Next.js answers those with
// 500 before any app code runs, so they pass only behind lib/request-screen.ts (server.ts).
import fc from "fast-check";
import type { Identity } from "./environment";
import type { DiscoveredAction, Discovery } from "./discover";
import { anyValue, escapeForUrl, pathSegment, queryValue, text } from "./inputs";
import type { RawRequest } from "./send";
import { PAGES, ROUTES } from "./targets";

export interface RequestContext {
  origin: string;
  /** The signed-in users' tenant. */
  slug: string;
  cookies: Record<Identity, string>;
  discovery: Discovery;
  protocol: boolean;
}

/** What to send, before its body is encoded (encoding multipart is asynchronous). */
export type RequestSpec = Omit<RawRequest, "body"> & {
  body?: { kind: "form" | "multipart" | "raw"; fields?: [string, string][]; files?: string[]; root?: unknown; raw?: string };
};

/** Who sends it: a signed-in demo user, nobody, or a forged session cookie. */
const identity = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom<Identity | "anonymous">("admin", "admin", "viewer", "superadmin", "anonymous") },
  { weight: 1, arbitrary: text.map((token) => ({ forged: `authjs.session-token=${escapeForUrl(token)}` })) },
);
type Sender = Identity | "anonymous" | { forged: string };


/** React's reply encoding escapes strings that start with "$", so they arrive as text, not references. */
export function toReply(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(toReply);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toReply(item)]));
  return value;
}

const query = (pairs: [string, string][]) => (pairs.length ? `?${pairs.map(([key, value]) => `${escapeForUrl(key)}=${escapeForUrl(value)}`).join("&")}` : "");

function queryPairs(params: string[]): fc.Arbitrary<[string, string][]> {
  const known = params.length ? fc.constantFrom(...params) : fc.constant("q");
  const name = fc.oneof({ weight: 4, arbitrary: known }, { weight: 1, arbitrary: text });
  return fc.array(name.chain((key) => queryValue(key).map((value): [string, string] => [key, value])), { maxLength: 4 });
}

export function requestArbitrary(context: RequestContext): fc.Arbitrary<RequestSpec> {
  const { discovery } = context;
  // A slug: mostly the users' tenant (so requests get past the membership check), else anything.
  const slug = fc.oneof({ weight: 4, arbitrary: fc.constant(context.slug) }, { weight: 1, arbitrary: fc.constantFrom("globex", "nope") }, { weight: 2, arbitrary: text });
  const cookieOf = (who: Sender) => (who === "anonymous" ? undefined : typeof who === "object" ? who.forged : context.cookies[who]);
  const headersFor = (who: Sender, extra: Record<string, string> = {}): Record<string, string> => {
    const cookie = cookieOf(who);
    return { ...(cookie ? { cookie } : {}), ...extra };
  };
  const fill = (path: string, slugValue: string, flowId: string) =>
    path.replace("{slug}", escapeForUrl(slugValue)).replace("{flowId}", escapeForUrl(flowId));
  const flowId = fc.oneof(
    { weight: 3, arbitrary: discovery.flowIds.length ? fc.constantFrom(...discovery.flowIds) : fc.uuid() },
    { weight: 1, arbitrary: text },
  );

  const page = fc
    .record({ target: fc.constantFrom(...PAGES), who: identity, slug, flowId, rsc: fc.boolean() })
    .chain(({ target, who, slug: s, flowId: f, rsc }) =>
      queryPairs(target.params).map(
        (pairs): RequestSpec => ({
          method: "GET",
          path: `${fill(target.path, s, f)}${query(pairs)}`,
          headers: headersFor(who, rsc ? { rsc: "1" } : {}),
          label: `page ${target.path}`,
        }),
      ),
    );

  const rawPath = fc
    .record({
      prefix: fc.constantFrom("/t/", `/t/${context.slug}/`, `/t/${context.slug}/flows/`, `/t/${context.slug}/activity/`, "/", "/admin/", "/api/auth/", "/login/"),
      segments: fc.array(pathSegment, { minLength: 1, maxLength: 3 }),
      who: identity,
    })
    .map(({ prefix, segments, who }): RequestSpec => ({ method: "GET", path: `${prefix}${segments.join("/")}`, headers: headersFor(who), label: `path ${prefix}…` }));

  const route = fc
    .record({
      target: fc.constantFrom(...ROUTES),
      who: identity,
      slug,
      callbackCookie: fc.option(text, { freq: 4 }),
      encoding: fc.constantFrom<"form" | "multipart" | "raw">("form", "form", "form", "multipart", "raw"),
    })
    .chain(({ target, who, slug: s, callbackCookie, encoding }) =>
      fc.tuple(queryPairs(["callbackUrl", "token", "email", "error"]), queryPairs(target.fields)).map(([searchPairs, fields]): RequestSpec => {
        const cookie = [headersFor(who).cookie, callbackCookie === null ? null : `authjs.callback-url=${escapeForUrl(callbackCookie)}`].filter(Boolean).join("; ");
        const headers: Record<string, string> = { ...(cookie ? { cookie } : {}), ...(target.sameOrigin ? { origin: context.origin, "sec-fetch-site": "same-origin" } : {}) };
        const path = `${fill(target.path, s, "")}${target.method === "GET" ? query(searchPairs) : ""}`;
        return target.method === "GET"
          ? { method: "GET", path, headers, label: `route GET ${target.path}` }
          : {
              method: "POST",
              path,
              headers,
              // "raw": a body that is not a form at all (JSON-ish text).
              body: encoding === "raw" ? { kind: "raw", raw: JSON.stringify(Object.fromEntries(fields)) } : { kind: encoding, fields },
              label: `route POST ${target.path}`,
            };
      }),
    );

  const fieldName = fc.oneof(
    { weight: 4, arbitrary: discovery.fieldNames.length ? fc.constantFrom(...discovery.fieldNames) : fc.constant("name") },
    { weight: 1, arbitrary: fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,15}$/) },
  );
  const formFields = fc.array(fc.tuple(fieldName, text), { maxLength: 6 });
  const action = (actions: DiscoveredAction[]) =>
    fc
      .record({
        action: fc.constantFrom(...actions),
        who: identity,
        slug,
        previous: anyValue,
        withSlug: fc.boolean(),
        shape: fc.constantFrom("form", "form", "object", "anything"),
        fields: formFields,
        // Files where the form has text fields (a wrong type a multipart body can carry).
        files: fc.array(fieldName, { maxLength: 2 }),
        anything: fc.array(anyValue, { maxLength: 4 }),
      })
      .map(({ action: target, who, slug: s, previous, withSlug, shape, fields, files, anything }): RequestSpec => {
        const headers = headersFor(who, { "next-action": target.id, origin: context.origin, accept: "text/x-component" });
        const leading = withSlug ? [s, previous] : [previous];
        const base = { method: "POST" as const, path: target.page, headers, label: `action ${target.name || target.id}` };
        if (shape === "form") return { ...base, body: { kind: "multipart", root: [...(toReply(leading) as unknown[]), "$K1"], fields: fields.map(([key, value]) => [`1_${key}`, value]), files: files.map((key) => `1_${key}`) } };
        if (shape === "object") return { ...base, body: { kind: "raw", raw: JSON.stringify(toReply([...leading, Object.fromEntries(fields)])) } };
        return { ...base, body: { kind: "raw", raw: JSON.stringify(toReply(anything)) } };
      });

  const protocolBreaking = fc.oneof(
    fc.record({ tree: text, who: identity }).map(({ tree, who }): RequestSpec => ({
      method: "GET",
      path: "/login?_rsc=fuzz",
      headers: headersFor(who, { rsc: "1", "next-router-state-tree": escapeForUrl(tree) }),
      label: "protocol router-state-tree",
    })),
    fc.record({ action: fc.constantFrom(...(discovery.actions.length ? discovery.actions : [{ id: "0".repeat(42), name: "", page: "/login" }])), who: identity }).map(({ action: target, who }): RequestSpec => ({
      method: "POST",
      path: target.page,
      headers: headersFor(who, { "next-action": target.id, origin: "http://attacker.example", accept: "text/x-component" }),
      body: { kind: "raw", raw: "[]" },
      label: "protocol foreign-origin action",
    })),
    // Bodies that are not the Flight encoding (not JSON; multipart without the root part "0").
    fc.record({ action: fc.constantFrom(...(discovery.actions.length ? discovery.actions : [{ id: "0".repeat(42), name: "", page: "/login" }])), who: identity, raw: text, multipart: fc.boolean() }).map(({ action: target, who, raw, multipart }): RequestSpec => ({
      method: "POST",
      path: target.page,
      headers: headersFor(who, { "next-action": target.id, origin: context.origin, accept: "text/x-component" }),
      body: multipart ? { kind: "multipart", fields: [["1_name", raw]] } : { kind: "raw", raw: `{${raw}` },
      label: multipart ? "protocol multipart without root" : "protocol body not JSON",
    })),
  );

  const kinds: fc.WeightedArbitrary<RequestSpec>[] = [
    { weight: 3, arbitrary: page },
    { weight: 1, arbitrary: rawPath },
    { weight: 2, arbitrary: route },
  ];
  if (discovery.actions.length) kinds.push({ weight: 4, arbitrary: action(discovery.actions) });
  if (context.protocol) kinds.push({ weight: 1, arbitrary: protocolBreaking });
  return fc.oneof(...kinds);
}

/** The request as bytes: forms urlencoded or multipart (as a browser encodes them), or the raw text. */
export async function encodeRequest(spec: RequestSpec): Promise<RawRequest> {
  const { body, ...rest } = spec;
  if (!body) return rest;
  if (body.kind === "raw") return { ...rest, headers: { ...rest.headers, "content-type": "text/plain;charset=UTF-8" }, body: Buffer.from(body.raw ?? "", "utf8") };
  if (body.kind === "form") {
    const encoded = new URLSearchParams(body.fields ?? []).toString();
    return { ...rest, headers: { ...rest.headers, "content-type": "application/x-www-form-urlencoded" }, body: Buffer.from(encoded, "utf8") };
  }
  const form = new FormData();
  if (body.root !== undefined) form.append("0", JSON.stringify(body.root));
  for (const [key, value] of body.fields ?? []) form.append(key, value);
  for (const key of body.files ?? []) form.append(key, new Blob(["%PDF-1.7\u0000"], { type: "application/pdf" }), "upload.pdf");
  const request = new Request("http://fuzz.invalid/", { method: "POST", body: form });
  return { ...rest, headers: { ...rest.headers, "content-type": request.headers.get("content-type")! }, body: Buffer.from(await request.arrayBuffer()) };
}
