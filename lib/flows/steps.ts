// The steps a flow can declare (safe for the browser: the create form lists them). How a run
// executes them is in lib/flows/execute.ts.
export const STEP_KINDS = ["validate", "transform", "checksum", "notify", "fail"] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const STEP_LABELS: Record<StepKind, string> = {
  validate: "Validate the payload",
  transform: "Transform the payload",
  checksum: "Compute a checksum",
  notify: "Notify the tenant's members",
  fail: "Fail on purpose (to test error handling)",
};

/**
 * A step that uses one of the tenant's credentials, by name ("credential:Deploy token"): a run resolves
 * it (decrypts the value inside the run's transaction) and logs that it did, never the value.
 */
export const CREDENTIAL_STEP_PREFIX = "credential:";

export const credentialStep = (name: string) => `${CREDENTIAL_STEP_PREFIX}${name}`;

/** The credential name a step refers to, or null for a step of another kind. */
export const credentialOfStep = (step: string): string | null => (step.startsWith(CREDENTIAL_STEP_PREFIX) ? step.slice(CREDENTIAL_STEP_PREFIX.length) : null);

/**
 * A step that uses one of the tenant's connections, by id ("connection:<uuid>"): the flow's save checks
 * the id is a connection of the same tenant; a run needs it active.
 */
export const CONNECTION_STEP_PREFIX = "connection:";

export const connectionStep = (id: string) => `${CONNECTION_STEP_PREFIX}${id}`;

/** The connection id a step refers to, or null for a step of another kind. */
export const connectionOfStep = (step: string): string | null => (step.startsWith(CONNECTION_STEP_PREFIX) ? step.slice(CONNECTION_STEP_PREFIX.length) : null);

/** One step in words (a connection by its name when `connectionNames` knows it). */
export function stepLabel(step: string, connectionNames?: ReadonlyMap<string, string>): string {
  const credential = credentialOfStep(step);
  if (credential !== null) return `Use the credential ${credential}`;
  const connection = connectionOfStep(step);
  if (connection !== null) return `Use the connection ${connectionNames?.get(connection) ?? connection}`;
  return STEP_LABELS[step as StepKind] ?? step;
}

/** A flow's steps in words, in order. */
export const describeSteps = (steps: readonly string[], connectionNames?: ReadonlyMap<string, string>) =>
  steps.map((step) => stepLabel(step, connectionNames)).join(" → ");

/** How many steps a flow may declare. */
export const MAX_STEPS = 5;
