// How a run executes a flow's declared steps. Every step is deterministic: the same flow in the
// same tenant gives the same outputs, so a run's log can be checked by people and tests. A run passes
// one payload from step to step; each step records what it did in one line.
import { createHash } from "node:crypto";
import type { FlowRunLogEntry } from "@/db/schema";
import { connectionOfStep, credentialOfStep, type StepKind } from "./steps";

export interface RunContext {
  flowName: string;
  tenantName: string;
  memberCount: number;
  /** The names of the tenant's credentials whose values this run resolved (lib/credentials/resolve.ts); never the values. */
  resolvedCredentials?: ReadonlySet<string>;
  /** The ids of the tenant's active connections among those the steps use (lib/connections/flow-steps.ts). */
  activeConnections?: ReadonlySet<string>;
}

type Payload = Record<string, string | number>;

class StepFailure extends Error {}

const STEP_RUNNERS: Record<StepKind, (payload: Payload, context: RunContext) => string> = {
  validate(payload) {
    const empty = Object.entries(payload).filter(([, value]) => value === "");
    if (empty.length) throw new StepFailure(`Empty fields: ${empty.map(([key]) => key).join(", ")}`);
    return `Payload is valid (${Object.keys(payload).length} fields)`;
  },
  transform(payload) {
    const key = String(payload.flow)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
    payload.key = key || "flow";
    return `Set key = ${payload.key}`;
  },
  checksum(payload) {
    const digest = createHash("sha256").update(JSON.stringify(payload)).digest("hex").slice(0, 12);
    payload.checksum = digest;
    return `sha256 ${digest}`;
  },
  notify(_payload, context) {
    const people = context.memberCount === 1 ? "1 member" : `${context.memberCount} members`;
    return `Notification prepared for ${people} of ${context.tenantName}`;
  },
  fail() {
    throw new StepFailure("This step always fails");
  },
};

export interface FlowExecution {
  status: "succeeded" | "failed";
  log: FlowRunLogEntry[];
  durationMs: number;
}

/** A "credential:<name>" step: whether the run resolved it. Its line names the credential, never the value. */
function useCredential(name: string, context: RunContext): string {
  if (!context.resolvedCredentials?.has(name)) throw new StepFailure(`No credential named ${name} could be resolved in ${context.tenantName}`);
  return `Resolved the credential ${name} (value not shown)`;
}

/** A "connection:<id>" step: the connection must be one of the tenant's, and active. */
function useConnection(id: string, context: RunContext): string {
  if (!context.activeConnections?.has(id)) throw new StepFailure(`The connection ${id} is not an active connection of ${context.tenantName}`);
  return `Used the connection ${id}`;
}

/**
 * Executes the declared steps in order. The first failing step stops the run: it is recorded as
 * failed and the steps after it as skipped.
 */
export function executeFlow(steps: readonly string[], context: RunContext, now: () => Date = () => new Date()): FlowExecution {
  const started = performance.now();
  const payload: Payload = { flow: context.flowName, tenant: context.tenantName };
  const log: FlowRunLogEntry[] = [];
  let failed = false;
  for (const step of steps) {
    const at = now().toISOString();
    if (failed) {
      log.push({ step, status: "skipped", at, output: "Not run: an earlier step failed" });
      continue;
    }
    try {
      const credential = credentialOfStep(step);
      const connection = connectionOfStep(step);
      const runner =
        credential !== null ? () => useCredential(credential, context) : connection !== null ? () => useConnection(connection, context) : STEP_RUNNERS[step as StepKind];
      if (!runner) throw new StepFailure(`Unknown step "${step}"`);
      log.push({ step, status: "succeeded", at, output: runner(payload, context) });
    } catch (error) {
      if (!(error instanceof StepFailure)) throw error;
      failed = true;
      log.push({ step, status: "failed", at, output: error.message });
    }
  }
  return { status: failed ? "failed" : "succeeded", log, durationMs: Math.round(performance.now() - started) };
}
