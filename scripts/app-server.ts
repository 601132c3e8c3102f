// Starts one app server (server.ts, as `npm start` runs it, on the last production build) as a child
// process on a given port, for the two-server spec and `npm run soak`. `stop()` ends it politely,
// `kill()` as a crash would (SIGKILL).
import { spawn, type ChildProcess } from "node:child_process";
import { productionServerCommand } from "./server-command";

export interface AppServer {
  url: string;
  port: number;
  process: ChildProcess;
  /** Resolves once the server answers /login with 200, or rejects after `timeoutMs`. */
  ready(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
  kill(): Promise<void>;
  /** What the server printed, most recent last (for a failure's message). */
  output(): string;
}

export function startAppServer(options: { port: number; env: NodeJS.ProcessEnv; label?: string }): AppServer {
  const url = `http://localhost:${options.port}`;
  const child = spawn(...productionServerCommand(options.port), {
    env: { ...options.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: tsx runs the server in a child process, and a SIGKILL (which tsx cannot
    // pass on) must reach that child too.
    detached: true,
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // A server must not outlive the script that started it (a crash, Ctrl-C).
  const killGroup = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  };
  process.once("exit", killGroup);
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      const group = (sent: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, sent);
        } catch {
          // already gone
        }
      };
      group(signal);
      const timer = setTimeout(() => group("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  return {
    url,
    port: options.port,
    process: child,
    async ready(timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`${options.label ?? url} exited (${child.exitCode}):\n${output}`);
        try {
          const response = await fetch(`${url}/login`, { signal: AbortSignal.timeout(5_000) });
          if (response.status === 200) return;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`${options.label ?? url} did not answer /login within ${timeoutMs} ms:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    stop: () => end("SIGTERM"),
    kill: () => end("SIGKILL"),
    output: () => output,
  };
}
