// Starts Debian's PgBouncer (`apt-get install pgbouncer`) in transaction pooling mode in front of a
// PostgreSQL server, the way scripts/e2e.ts starts the mail catcher: its config and user list are
// written into a temporary folder, it listens on a free port of 127.0.0.1, and `stop()` ends it and
// removes the folder. Used by the two-server tests and `npm run soak`; production runs it the same way
// (README, "Running at scale").
//
// Why this is safe for the app: every query runs in a scope helper (db/scopes.ts), which opens a
// transaction and sets the role and the app.* settings with set_config(..., true), so they end with
// the transaction and the next client of the same server connection starts clean. node-postgres sends
// unnamed statements (no `name`), which transaction pooling supports.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const CANDIDATE_BINARIES = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer", "/usr/local/bin/pgbouncer"];

/** The pgbouncer binary on this machine, or null when it is not installed. */
export function findPgBouncer(): string | null {
  const fromEnv = process.env.PGBOUNCER_BIN;
  if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : null;
  const found = CANDIDATE_BINARIES.find((candidate) => fs.existsSync(candidate));
  if (found) return found;
  const which = spawnSync("sh", ["-c", "command -v pgbouncer"], { encoding: "utf8" });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : null;
}

export interface PgBouncerOptions {
  /** The PostgreSQL server behind it. */
  upstreamHost: string;
  upstreamPort: number;
  /** Users that may connect (authentication is passed through: the server's pg_hba.conf decides). */
  users: string[];
  /** Server connections per database/user pair: the pool every app server shares. */
  poolSize: number;
  /** Client connections PgBouncer accepts in all (the app servers' pools add up to this). */
  maxClientConnections?: number;
  /** Seconds a query may wait for a server connection before PgBouncer answers an error. */
  queryWaitTimeoutSeconds?: number;
  /** A fixed port; by default a free one. */
  port?: number;
}

export interface PgBouncer {
  port: number;
  /** `url` with its host and port replaced by PgBouncer's. */
  through(url: string): string;
  /** SIGTERM, then SIGKILL after 5 s; removes the temporary folder. */
  stop(): Promise<void>;
  process: ChildProcess;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The pgbouncer.ini for `options` (exported for its test). */
export function pgBouncerConfig(options: PgBouncerOptions & { port: number; dir: string; runAs?: string }): string {
  return [
    "[databases]",
    // Any database name the client asks for, on the upstream server, under the client's user name.
    `* = host=${options.upstreamHost} port=${options.upstreamPort}`,
    "",
    "[pgbouncer]",
    "listen_addr = 127.0.0.1",
    `listen_port = ${options.port}`,
    `unix_socket_dir = ${options.dir}`,
    `auth_type = trust`,
    `auth_file = ${path.join(options.dir, "userlist.txt")}`,
    `logfile = ${path.join(options.dir, "pgbouncer.log")}`,
    `pidfile = ${path.join(options.dir, "pgbouncer.pid")}`,
    // One server connection per transaction: the settings of db/scopes.ts are transaction-local.
    "pool_mode = transaction",
    `default_pool_size = ${options.poolSize}`,
    "min_pool_size = 0",
    "reserve_pool_size = 0",
    `max_client_conn = ${options.maxClientConnections ?? 200}`,
    `query_wait_timeout = ${options.queryWaitTimeoutSeconds ?? 10}`,
    // A dead server connection (pg_terminate_backend, a restart) is dropped and replaced at once.
    "server_login_retry = 1",
    "server_connect_timeout = 5",
    "server_check_delay = 0",
    // node-postgres sends `options=-c role=...` (db/client.ts); PgBouncer 1.18 cannot forward it.
    // Server connections then start as the login role, which holds no grants by itself (NOINHERIT,
    // migration 0010): every query is in a scope helper, which sets the role per transaction.
    "ignore_startup_parameters = extra_float_digits,options",
    "stats_period = 60",
    // PgBouncer refuses to run as root; started by root (CI, containers) it switches to this user.
    ...(options.runAs ? [`user = ${options.runAs}`] : []),
    "",
  ].join("\n");
}

/** Starts PgBouncer and resolves once it accepts connections. Throws when the binary is missing. */
export async function startPgBouncer(options: PgBouncerOptions): Promise<PgBouncer> {
  const binary = findPgBouncer();
  if (!binary) throw new Error("pgbouncer is not installed (apt-get install -y pgbouncer)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tenantry-pgbouncer-"));
  const port = options.port ?? (await freePort());
  fs.writeFileSync(path.join(dir, "userlist.txt"), options.users.map((user) => `"${user}" ""`).join("\n") + "\n");
  const configFile = path.join(dir, "pgbouncer.ini");
  const runAs = process.getuid?.() === 0 ? UNPRIVILEGED_USER : undefined;
  fs.writeFileSync(configFile, pgBouncerConfig({ ...options, port, dir, runAs }));
  if (runAs) chownTree(dir, runAs);
  const child = spawn(binary, [configFile], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      const log = fs.existsSync(path.join(dir, "pgbouncer.log")) ? fs.readFileSync(path.join(dir, "pgbouncer.log"), "utf8") : "";
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`pgbouncer did not start on port ${port}: ${stderr}${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    port,
    process: child,
    through(url: string) {
      const via = new URL(url);
      via.hostname = "127.0.0.1";
      via.port = String(port);
      return via.toString();
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The Unix user PgBouncer switches to when started by root: PostgreSQL's, which Debian's packages create. */
const UNPRIVILEGED_USER = "postgres";

function chownTree(dir: string, user: string): void {
  const result = spawnSync("chown", ["-R", user, dir]);
  if (result.status !== 0) throw new Error(`chown ${user} ${dir} failed: ${result.stderr}`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
