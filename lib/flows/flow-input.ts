// What the flow forms submit, parsed on the server (the messages are the ones shown under the fields).
import { z } from "zod";
import { connectionOfStep, credentialOfStep, MAX_STEPS, STEP_KINDS } from "./steps";
import { isUuid } from "../ids";

export const FlowNameInput = z
  .string({ error: "Enter a name for the flow." })
  .trim()
  .min(1, "Enter a name for the flow.")
  .max(80, "Use at most 80 characters.");

const CHOOSE_FROM_LIST = "Choose steps from the list.";

/** A credential's name as a step names it: what a credential's name may be (trimmed, 1 to 80 characters, no control characters). */
const isCredentialName = (name: string) => name.length >= 1 && name.length <= 80 && name === name.trim() && !/[\u0000-\u001f\u007f]/.test(name);

const isStepKind = (step: string) => (STEP_KINDS as readonly string[]).includes(step);

/**
 * A step: one of the kinds, "credential:<name>" (whether the tenant has that credential is the run's
 * business) or "connection:<id>" (that the id is a connection of the same tenant is checked by the
 * save, in its transaction: lib/connections/flow-steps.ts).
 */
export const FlowStep = z
  .string({ error: CHOOSE_FROM_LIST })
  .refine((step) => {
    const name = credentialOfStep(step);
    const connection = connectionOfStep(step);
    return isStepKind(step) || (name !== null && isCredentialName(name)) || (connection !== null && isUuid(connection));
  }, CHOOSE_FROM_LIST)
  .meta({ description: `One of ${STEP_KINDS.join(", ")}, credential:<name> to use one of the tenant's credentials, or connection:<id> to use one of its connections.` });

/** The step selects all share the name "steps"; the empty choice ("no step") is dropped. */
export const FlowStepsInput = z.preprocess(
  (value) => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((step) => step !== ""),
  z
    .array(FlowStep)
    .min(1, "Choose at least one step.")
    .max(MAX_STEPS, `A flow has at most ${MAX_STEPS} steps.`),
);

/** Checked for shape in the action itself: a malformed id answers "not found", like another tenant's. */
export const FlowIdInput = z.string().max(100);

/** A version number as the history's Restore button sends it; one that does not exist is not found. */
export const FlowVersionInput = z.coerce.number({ error: "Choose a version." }).int("Choose a version.").min(1, "Choose a version.").max(2_147_483_647, "Choose a version.");
