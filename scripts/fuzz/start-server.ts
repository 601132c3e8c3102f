// Starts the production server the fuzzer attacks, as `npm start` does: the custom server (server.ts),
// which screens requests Next.js itself would answer with 500 (lib/request-screen.ts) before Next sees them.
import { spawn } from "node:child_process";
import { productionServerCommand } from "../server-command";

export interface RunningServer {
  url: string;
  /** What the server printed on stderr (its 500s log their errors there). */
  errors(): string;
  stop(): Promise<void>;
}

export async function startServer(options: { port: number; env: NodeJS.ProcessEnv }): Promise<RunningServer> {
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawn(...productionServerCommand(options.port, ["--hostname", "127.0.0.1"]), {
    env: { ...options.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    // Keep the tail only: a long run logs a lot.
    stderr = (stderr + chunk.toString("utf8")).slice(-200_000);
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    await exited;
  };

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited while starting:\n${stderr}`);
    const ready = await fetch(`${url}/login`).then(
      (response) => response.status < 500,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server did not answer on ${url} within 120 s:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { url, errors: () => stderr, stop };
}
