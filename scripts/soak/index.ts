// `npm run soak [-- --duration 300] [--tenants 24] [--skip-build]`: the production topology under load
// and faults (README, "Running at scale"). Its own PostgreSQL cluster (./cluster.ts), PgBouncer in
// transaction pooling mode with fewer server connections than clients, two app servers on the
// production build, the e2e runner's mail catcher. One signed-in member of each tenant drives page
// views and server actions at once while a chaos loop terminates random backends every few seconds,
// restarts PostgreSQL once, stops the mail catcher for up to a minute, and kills one app server and
// starts it again. At the end every write a client saw succeed is looked up in the database and every
// mail the app accepted in the catcher. Prints
//   requests=N ok=N errors_5xx=N wrong_tenant=N lost_writes=N lost_mail=N recovered_after_restart_s=X
// and exits 1 unless wrong_tenant, lost_writes and lost_mail are 0 and the app answered again within
// 10 s of each fault.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { MailDev } from "maildev";
import { createDatabase, queryOnce } from "../../db/admin";
import { closeDatabase, migrateDatabase } from "../../db/lifecycle";
import { seedWorld } from "../../db/seed";
import { startAppServer, type AppServer } from "../app-server";
import { freePort, startPgBouncer } from "../pgbouncer";
import { startCluster } from "./cluster";
import { actionResultOf, LoadBalancer, readActionIds, SoakClient, type Outcome } from "./app-client";
import { soakWorld, SOAK_PASSWORD, type SoakTenant } from "./world";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: process.env.SOAK_DURATION_S ?? "300" },
    tenants: { type: "string", default: process.env.SOAK_TENANTS ?? "24" },
    "skip-build": { type: "boolean", default: Boolean(process.env.SOAK_SKIP_BUILD) },
  },
});
const DURATION_MS = Number(args.duration) * 1000;
const TENANTS = Math.max(20, Number(args.tenants));
const POOL_SIZE = 6; // PgBouncer's server connections: fewer than the TENANTS clients
const RECOVERY_LIMIT_MS = 10_000;
const MAIL_WAIT_MS = 200_000; // the outbox retries after 30 s, then 1 min, then 2 min

const log = (message: string) => console.log(`[soak ${new Date().toISOString().slice(11, 19)}] ${message}`);

function run(command: string, commandArgs: string[]): Promise<number> {
  return new Promise((resolve) => {
    spawn(command, commandArgs, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } }).on("exit", (code) => resolve(code ?? 1));
  });
}

// What the clients saw, and what the checks found.
const stats = { requests: 0, ok: 0, errors5xx: 0, noAnswer: 0, wrongTenant: 0, retryable: 0 };
const statuses = new Map<number, number>();
const wrongTenantSamples: string[] = [];
const acknowledgedFlows: { slug: string; name: string }[] = [];
const acknowledgedInvites: string[] = [];
/** Completion times (ms since epoch) of OK responses to requests started at that moment or later. */
const okResponses: { started: number; ended: number }[] = [];

function record(outcome: Outcome, started: number, ok: boolean): void {
  stats.requests++;
  statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
  if (outcome.status >= 500) stats.errors5xx++;
  if (outcome.status === 0) stats.noAnswer++;
  if (ok) {
    stats.ok++;
    okResponses.push({ started, ended: Date.now() });
  }
}

/** A page that answers 200 must be the caller's tenant's, and show no other soak tenant's name. */
function checkTenantPage(tenant: SoakTenant, all: SoakTenant[], outcome: Outcome, what: string): void {
  if (outcome.status !== 200) return;
  const foreign = all.filter((other) => other.slug !== tenant.slug && outcome.body.includes(other.name));
  if (!outcome.body.includes(tenant.name) || foreign.length > 0) {
    stats.wrongTenant++;
    if (wrongTenantSamples.length < 5) wrongTenantSamples.push(`${tenant.slug} ${what}: own name ${outcome.body.includes(tenant.name) ? "present" : "missing"}, foreign ${foreign.map((f) => f.slug).join(",")}`);
  }
}

async function drive(client: SoakClient, tenant: SoakTenant, all: SoakTenant[], until: number): Promise<void> {
  let n = 0;
  while (Date.now() < until) {
    n++;
    const roll = Math.random();
    const started = Date.now();
    if (roll < 0.65) {
      const page = ["", "/flows", "/members", "/activity"][n % 4]!;
      const outcome = await client.view(`/t/${tenant.slug}${page}`);
      record(outcome, started, outcome.status === 200);
      checkTenantPage(tenant, all, outcome, `GET ${page || "/"}`);
    } else if (roll < 0.93) {
      const name = `${tenant.slug} flow ${n} ${randomBytes(3).toString("hex")}`;
      const outcome = await client.createFlow(tenant.slug, name);
      const result = actionResultOf(outcome.body);
      record(outcome, started, Boolean(result?.ok));
      if (result?.ok) {
        if (!result.text.includes(JSON.stringify(name))) {
          stats.wrongTenant++;
          wrongTenantSamples.push(`${tenant.slug} createFlow answered ${result.text.slice(0, 200)}`);
        }
        acknowledgedFlows.push({ slug: tenant.slug, name });
      } else if (result?.code === "RETRYABLE" || result?.code === "UNAVAILABLE") stats.retryable++;
    } else {
      const email = `invitee-${tenant.slug}-${n}-${randomBytes(3).toString("hex")}@soak.test`;
      const outcome = await client.addMember(tenant.slug, email);
      const result = actionResultOf(outcome.body);
      record(outcome, started, Boolean(result?.ok));
      if (result?.ok) acknowledgedInvites.push(email);
    }
    await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
  }
}

interface Fault {
  name: string;
  /** When the fault was over (the part was back, or was hit and left to recover). */
  over: number;
  recoveredMs?: number;
}

/** Time from the fault being over to the first OK answer to a request started after the fault began. */
function recoveryOf(fault: Fault, began: number): number | undefined {
  const first = okResponses.filter((r) => r.started >= began && r.ended >= fault.over).sort((a, b) => a.ended - b.ended)[0];
  return first ? first.ended - fault.over : undefined;
}

async function main(): Promise<number> {
  if (!args["skip-build"]) {
    log("building (next build; --skip-build reuses the last build)");
    if ((await run("node_modules/.bin/next", ["build"])) !== 0) return 1;
  }
  const ids = readActionIds();

  log("starting PostgreSQL (own cluster), migrating, seeding");
  const cluster = await startCluster();
  const cleanups: (() => Promise<void> | void)[] = [() => cluster.destroy()];
  try {
    await createDatabase(cluster.url("postgres"), "tenantry");
    const ownerUrl = cluster.url("tenantry");
    process.env.DATABASE_URL = ownerUrl;
    await migrateDatabase();
    const world = soakWorld(TENANTS);
    await seedWorld(world.seed);
    await closeDatabase();

    const bouncer = await startPgBouncer({ upstreamHost: "127.0.0.1", upstreamPort: cluster.port, users: ["tenantry_login"], poolSize: POOL_SIZE, queryWaitTimeoutSeconds: 10 });
    cleanups.unshift(() => bouncer.stop());
    const loginUrl = new URL(ownerUrl);
    loginUrl.username = "tenantry_login";

    const smtpPort = await freePort();
    const mailWebPort = await freePort();
    const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "tenantry-soak-mail-"));
    cleanups.push(() => fs.rmSync(mailDir, { recursive: true, force: true }));
    const delivered = new Set<string>();
    let maildev: MailDev | null = null;
    const startCatcher = async () => {
      maildev = new MailDev({ smtp: smtpPort, web: mailWebPort, ip: "127.0.0.1", webIp: "127.0.0.1", mailDirectory: mailDir, silent: true });
      await maildev.start();
    };
    // What the catcher holds, read through its HTTP API (as the e2e specs do) and kept across restarts.
    const collectMail = async () => {
      if (!maildev) return;
      try {
        const response = await fetch(`http://127.0.0.1:${mailWebPort}/api/email`, { signal: AbortSignal.timeout(5_000) });
        for (const mail of (await response.json()) as { to: { address: string }[] }[]) {
          for (const to of mail.to) delivered.add(to.address.toLowerCase());
        }
      } catch {
        // stopped or busy: the next round reads it
      }
    };
    const mailPoller = setInterval(() => void collectMail(), 3_000);
    cleanups.unshift(() => clearInterval(mailPoller));
    const stopCatcher = async () => {
      await collectMail();
      await maildev?.stop().catch(() => {});
      maildev = null;
    };
    await startCatcher();
    cleanups.unshift(stopCatcher);

    const ports = [await freePort(), await freePort()];
    // Both servers share the secrets, as a deployment's servers do: a session is valid on either.
    const authSecret = randomBytes(32).toString("base64url");
    const secretsKey = randomBytes(32).toString("base64");
    const serverEnv = (port: number): NodeJS.ProcessEnv => ({
      ...process.env,
      DATABASE_URL: bouncer.through(loginUrl.toString()),
      DATABASE_POOL_SIZE: "10",
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      AUTH_SECRET: authSecret,
      SECRETS_KEY: secretsKey,
      AUTH_URL: `http://localhost:${port}`,
      PASSWORD_LIMIT_PER_ACCOUNT_AND_IP: "100000",
      PASSWORD_LIMIT_PER_IP: "100000",
    });
    const servers: AppServer[] = ports.map((port, i) => startAppServer({ port, env: serverEnv(port), label: `app server ${i + 1}` }));
    cleanups.unshift(() => Promise.all(servers.map((s) => s.stop())).then(() => {}));
    await Promise.all(servers.map((s) => s.ready()));
    log(`app servers on ${servers.map((s) => s.port).join(", ")}, PgBouncer on ${bouncer.port} (pool ${POOL_SIZE}), PostgreSQL on ${cluster.port}`);

    const balancer = new LoadBalancer(servers.map((s) => s.url));
    const clients = await Promise.all(
      world.tenants.map(async (tenant) => {
        const client = new SoakClient(balancer, ids);
        await client.signIn(tenant.memberEmail, SOAK_PASSWORD);
        return { client, tenant };
      }),
    );
    log(`${clients.length} members of ${clients.length} tenants signed in; driving for ${DURATION_MS / 1000} s`);

    const start = Date.now();
    const until = start + DURATION_MS;
    const driving = Promise.all(clients.map(({ client, tenant }) => drive(client, tenant, world.tenants, until)));

    // The chaos loop.
    const faults: { fault: Fault; began: number }[] = [];
    const at = (fraction: number) => start + DURATION_MS * fraction;
    const sleepUntil = (time: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, time - Date.now())));
    const outage = Math.min(60_000, DURATION_MS / 4);
    // Each fault's act resolves to when the fault was over: recovery is measured from then.
    const plan: { time: number; name: string; act: () => Promise<number> }[] = [
      {
        time: at(0.1),
        name: "mail catcher stopped",
        act: async () => {
          await stopCatcher();
          log(`mail catcher stopped for ${outage / 1000} s`);
          await new Promise((resolve) => setTimeout(resolve, outage));
          await startCatcher();
          log("mail catcher back");
          return Date.now();
        },
      },
      {
        time: at(0.45),
        name: "PostgreSQL restarted",
        act: async () => {
          log("restarting PostgreSQL");
          cluster.restart();
          log("PostgreSQL back");
          return Date.now();
        },
      },
      {
        time: at(0.7),
        name: "app server killed and restarted",
        act: async () => {
          log(`killing app server 2 (port ${servers[1]!.port})`);
          await servers[1]!.kill();
          // The app must keep answering through the other server while this one starts again.
          const killed = Date.now();
          servers[1] = startAppServer({ port: servers[1]!.port, env: serverEnv(servers[1]!.port), label: "app server 2 (restarted)" });
          const restartBegan = Date.now();
          await servers[1]!.ready();
          log(`app server 2 answers again after ${((Date.now() - restartBegan) / 1000).toFixed(1)} s`);
          return killed;
        },
      },
    ];
    const terminations = (async () => {
      let killed = 0;
      while (Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 2_000 + Math.random() * 3_000));
        try {
          const [row] = await queryOnce<{ count: number }>(
            cluster.url("postgres"),
            `select count(pg_terminate_backend(pid))::int as count from (
               select pid from pg_stat_activity where datname = 'tenantry' and pid <> pg_backend_pid()
               order by random() limit 1 + (random() * 2)::int) victims`,
          );
          killed += row?.count ?? 0;
        } catch {
          // PostgreSQL is restarting: the next round terminates again
        }
      }
      log(`terminated ${killed} backends`);
    })();
    const scheduled = (async () => {
      for (const step of plan) {
        await sleepUntil(step.time);
        const began = Date.now();
        const over = await step.act();
        faults.push({ fault: { name: step.name, over }, began });
      }
    })();
    await Promise.all([driving, terminations, scheduled]);
    log("load over; checking");

    // Recovery after each fault (measured from when it was over), and after each backend kill round is
    // covered by the same rule in aggregate: the restart is the figure the summary line reports.
    let recoveredOk = true;
    let restartRecovery = NaN;
    for (const { fault, began } of faults) {
      fault.recoveredMs = recoveryOf(fault, began);
      const seconds = fault.recoveredMs === undefined ? "never" : (fault.recoveredMs / 1000).toFixed(1);
      log(`${fault.name}: the app answered OK again ${seconds} s after`);
      if (fault.recoveredMs === undefined || fault.recoveredMs > RECOVERY_LIMIT_MS) recoveredOk = false;
      if (fault.name === "PostgreSQL restarted") restartRecovery = (fault.recoveredMs ?? Infinity) / 1000;
    }

    // Every acknowledged write is in the database.
    const rows = await queryOnce<{ slug: string; name: string }>(ownerUrl, "select t.slug, f.name from flows f join tenants t on t.id = f.tenant_id");
    const stored = new Set(rows.map((r) => `${r.slug}\n${r.name}`));
    const lostWrites = acknowledgedFlows.filter((w) => !stored.has(`${w.slug}\n${w.name}`));
    const invitedRows = await queryOnce<{ email: string }>(ownerUrl, "select email from users where email like 'invitee-%@soak.test'");
    const invited = new Set(invitedRows.map((r) => r.email));
    const lostInvites = acknowledgedInvites.filter((email) => !invited.has(email));

    // Every mail the app accepted reaches the catcher (the outbox retries what the outage refused).
    const mailDeadline = Date.now() + MAIL_WAIT_MS;
    await collectMail();
    let lostMail = acknowledgedInvites.filter((email) => !delivered.has(email));
    while (lostMail.length > 0 && Date.now() < mailDeadline) {
      log(`waiting for ${lostMail.length} mails (the outbox retries)`);
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      await collectMail();
      lostMail = acknowledgedInvites.filter((email) => !delivered.has(email));
    }

    const lost = lostWrites.length + lostInvites.length;
    log(`answers: ${stats.ok} ok, ${stats.errors5xx} 5xx, ${stats.noAnswer} without an answer, ${stats.retryable} retryable refusals; ` +
      `${acknowledgedFlows.length} flows and ${acknowledgedInvites.length} invitations acknowledged`);
    log(`statuses: ${[...statuses].sort((a, b) => a[0] - b[0]).map(([status, count]) => `${status || "none"}=${count}`).join(" ")}`);
    for (const sample of wrongTenantSamples) log(`wrong tenant: ${sample}`);
    for (const w of lostWrites.slice(0, 5)) log(`lost write: ${w.slug} ${w.name}`);
    for (const email of lostMail.slice(0, 5)) log(`lost mail: ${email}`);
    console.log(
      `requests=${stats.requests} ok=${stats.ok} errors_5xx=${stats.errors5xx} wrong_tenant=${stats.wrongTenant} ` +
        `lost_writes=${lost} lost_mail=${lostMail.length} recovered_after_restart_s=${restartRecovery.toFixed(1)}`,
    );
    const passed = stats.wrongTenant === 0 && lost === 0 && lostMail.length === 0 && recoveredOk && stats.ok > 0;
    if (!recoveredOk) log(`FAILED: the app did not answer within ${RECOVERY_LIMIT_MS / 1000} s of every fault`);
    return passed ? 0 : 1;
  } finally {
    for (const cleanup of cleanups) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`[soak] cleanup: ${(error as Error).message}`);
      }
    }
  }
}

process.exit(await main());
