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

/** A flow's steps in words, in order. */
export const describeSteps = (steps: readonly string[]) => steps.map((step) => STEP_LABELS[step as StepKind] ?? step).join(" → ");

/** How many steps a flow may declare. */
export const MAX_STEPS = 5;
