// What the flow forms submit, parsed on the server (the messages are the ones shown under the fields).
import { z } from "zod";
import { MAX_STEPS, STEP_KINDS } from "./steps";

export const FlowNameInput = z
  .string({ error: "Enter a name for the flow." })
  .trim()
  .min(1, "Enter a name for the flow.")
  .max(80, "Use at most 80 characters.");

/** The step selects all share the name "steps"; the empty choice ("no step") is dropped. */
export const FlowStepsInput = z.preprocess(
  (value) => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((step) => step !== ""),
  z
    .array(z.enum(STEP_KINDS, { error: "Choose steps from the list." }))
    .min(1, "Choose at least one step.")
    .max(MAX_STEPS, `A flow has at most ${MAX_STEPS} steps.`),
);

/** Checked for shape in the action itself: a malformed id answers "not found", like another tenant's. */
export const FlowIdInput = z.string().max(100);
