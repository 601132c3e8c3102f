// The soak's own PostgreSQL cluster: initdb into a temporary folder with the machine's PostgreSQL
// binaries, started on a free port of 127.0.0.1 (trust authentication, its socket in the folder),
// so restarting it disturbs no other database on the machine. Removed by `destroy()`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../pgbouncer";

/** Where Debian's packages put the server binaries (initdb, pg_ctl), newest version first. */
export function findPostgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((version) => path.join(root, version, "bin")).find((bin) => fs.existsSync(path.join(bin, "initdb")));
  if (!found) throw new Error("No PostgreSQL server binaries found under /usr/lib/postgresql (or set PG_BIN).");
  return found;
}

// initdb and the server refuse to run as root; started by root they run as Debian's postgres user.
const asServerUser = (command: string, args: string[]) =>
  process.getuid?.() === 0 ? { command: "runuser", args: ["-u", "postgres", "--", command, ...args] } : { command, args };

function run(command: string, args: string[]): void {
  const call = asServerUser(command, args);
  const result = spawnSync(call.command, call.args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
}

export interface Cluster {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database: string): string;
  /** `pg_ctl restart -m fast`: every connection is cut, the server comes back on the same port. */
  restart(): void;
  destroy(): void;
}

export async function startCluster(): Promise<Cluster> {
  const bin = findPostgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tenantry-soak-pg-"));
  if (process.getuid?.() === 0) spawnSync("chown", ["postgres", dir]);
  const data = path.join(dir, "data");
  const log = path.join(dir, "server.log");
  const port = await freePort();
  run(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  // The app's statements are short; these bound what a dead client can hold (README, "Running at scale").
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=100 -c idle_in_transaction_session_timeout=30s`;
  const pgCtl = (...args: string[]) => run(path.join(bin, "pg_ctl"), ["-D", data, "-l", log, "-w", "-t", "60", ...args]);
  pgCtl("-o", options, "start");
  return {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    restart: () => pgCtl("-m", "fast", "-o", options, "restart"),
    destroy() {
      try {
        pgCtl("-m", "immediate", "stop");
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
