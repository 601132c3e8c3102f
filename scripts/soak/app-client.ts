// One signed-in soak user talking HTTP to the app servers the way a browser does, without a browser:
// page views are GETs; server actions are POSTs with the `Next-Action` header and React's reply
// encoding (argument list as JSON in field "0", a FormData argument's fields as "_1_<name>"), the action
// ids read from the production build's server-reference manifest. A small load balancer picks a server
// per request and skips one that refuses connections (as a health check would).
import fs from "node:fs";
import path from "node:path";

export interface ActionIds {
  signIn: string;
  createFlow: string;
  addMember: string;
}

/** The action ids of the last `next build` (.next/server/server-reference-manifest.json). */
export function readActionIds(root = process.cwd()): ActionIds {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const find = (file: string, name: string) => {
    const id = Object.entries(manifest.node).find(([, entry]) => entry.filename === file && entry.exportedName === name)?.[0];
    if (!id) throw new Error(`No server action ${name} of ${file} in the build: run \`next build\` first.`);
    return id;
  };
  return {
    signIn: find("app/login/password-actions.ts", "signInWithPasswordForm"),
    createFlow: find("app/t/[slug]/flows/actions.ts", "createFlow"),
    addMember: find("app/t/[slug]/members/actions/add-member.ts", "addMember"),
  };
}

export class LoadBalancer {
  private next = 0;
  private readonly downUntil = new Map<string, number>();
  constructor(readonly servers: string[]) {}

  /** The servers in the order to try them for one request. */
  pick(): string[] {
    const start = this.next++ % this.servers.length;
    const order = [...this.servers.slice(start), ...this.servers.slice(0, start)];
    const now = Date.now();
    return [...order.filter((s) => (this.downUntil.get(s) ?? 0) <= now), ...order.filter((s) => (this.downUntil.get(s) ?? 0) > now)];
  }

  markDown(server: string): void {
    this.downUntil.set(server, Date.now() + 2_000);
  }
}

export interface Outcome {
  /** HTTP status, or 0 when no answer came (refused everywhere, reset, timed out). */
  status: number;
  body: string;
  ms: number;
  server: string | null;
  /** Sent, then the connection died or timed out: the server may or may not have acted. */
  unknown: boolean;
}

const REQUEST_TIMEOUT_MS = 15_000;

function refusedBeforeSending(error: unknown): boolean {
  const code = (error as { cause?: { code?: string } }).cause?.code;
  return code === "ECONNREFUSED";
}

export class SoakClient {
  private readonly cookies = new Map<string, string>();
  constructor(
    private readonly balancer: LoadBalancer,
    private readonly ids: ActionIds,
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private keepCookies(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private async request(pathname: string, init: (server: string) => RequestInit): Promise<Outcome> {
    const started = Date.now();
    for (const server of this.balancer.pick()) {
      try {
        const response = await fetch(`${server}${pathname}`, {
          redirect: "manual",
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          ...init(server),
        });
        this.keepCookies(response);
        const body = await response.text();
        return { status: response.status, body, ms: Date.now() - started, server, unknown: false };
      } catch (error) {
        if (refusedBeforeSending(error)) {
          this.balancer.markDown(server);
          continue;
        }
        return { status: 0, body: String((error as Error).message), ms: Date.now() - started, server, unknown: true };
      }
    }
    return { status: 0, body: "every app server refused the connection", ms: Date.now() - started, server: null, unknown: false };
  }

  view(pathname: string): Promise<Outcome> {
    return this.request(pathname, () => ({ headers: { cookie: this.cookieHeader(), accept: "text/html" } }));
  }

  /** Calls a server action as React does: `args`, then one FormData (the form's fields) as the last argument. */
  action(pathname: string, actionId: string, args: unknown[], fields: Record<string, string | string[]>): Promise<Outcome> {
    return this.request(pathname, (server) => {
      const body = new FormData();
      // React numbers a reply's FormData parts from 1, whatever the argument's position.
      const formRef = 1;
      for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(`_${formRef}_${name}`, one);
      // Last, as React sends it: the server resolves "$K1" from the parts it has read by then.
      body.set("0", JSON.stringify([...args, `$K${formRef.toString(16)}`]));
      return {
        method: "POST",
        body,
        headers: { cookie: this.cookieHeader(), accept: "text/x-component", "next-action": actionId, origin: server },
      };
    });
  }

  async signIn(email: string, password: string): Promise<Outcome> {
    const outcome = await this.action("/login?method=password", this.ids.signIn, [null], { email, password, callbackUrl: "/" });
    if (!this.cookies.has("authjs.session-token")) throw new Error(`Sign-in of ${email} failed (${outcome.status}): ${outcome.body.slice(0, 300)}`);
    return outcome;
  }

  createFlow(slug: string, name: string): Promise<Outcome> {
    return this.action(`/t/${slug}/flows`, this.ids.createFlow, [slug, null], { name, steps: ["validate", "notify"] });
  }

  addMember(slug: string, email: string): Promise<Outcome> {
    return this.action(`/t/${slug}/members`, this.ids.addMember, [slug, null], { email, roles: "viewer" });
  }
}

/** The action's answer in an RSC response: `{ ok, code?, data? }`, or null when there is none. */
export function actionResultOf(body: string): { ok: boolean; code?: string; text: string } | null {
  const line = body.split("\n").find((l) => /^\d+:\{"ok":(true|false)/.test(l));
  if (!line) return null;
  const text = line.slice(line.indexOf(":") + 1);
  const ok = text.startsWith('{"ok":true');
  return { ok, code: text.match(/"code":"([A-Z_]+)"/)?.[1], text };
}
