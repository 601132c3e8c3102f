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

/** One step in words. */
export function stepLabel(step: string): string {
  const credential = credentialOfStep(step);
  return credential !== null ? `Use the credential ${credential}` : (STEP_LABELS[step as StepKind] ?? step);
}

/** A flow's steps in words, in order. */
export const describeSteps = (steps: readonly string[]) => steps.map(stepLabel).join(" → ");

/** How many steps a flow may declare. */
export const MAX_STEPS = 5;
