// What the template forms submit, parsed on the server (the messages show under the fields).
import { z } from "zod";
import { FlowNameInput, FlowStep, FlowStepsInput } from "@/lib/flows/flow-input";
import { MAX_STEPS } from "@/lib/flows/steps";

export const TEMPLATE_DESCRIPTION_MAX = 500;

export const TemplateDescriptionInput = z
  .string({ error: "Enter a description." })
  .trim()
  .max(TEMPLATE_DESCRIPTION_MAX, `Use at most ${TEMPLATE_DESCRIPTION_MAX} characters.`);

export const FlowTemplateInput = z.object({ name: FlowNameInput, description: TemplateDescriptionInput.default(""), steps: FlowStepsInput });

/** A tenant's extra steps: like a flow's, but none at all is allowed (the template's own steps run). */
export const ExtraStepsInput = z.preprocess(
  (value) => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((step) => step !== ""),
  z.array(FlowStep).max(MAX_STEPS, `Add at most ${MAX_STEPS} steps.`),
);

/** Why a template is not deleted: a tenant uses it (the foreign key of flow_template_uses restricts). */
export const TEMPLATE_IN_USE_MESSAGE = "This template is in use by at least one tenant, so it cannot be deleted. It can be deleted once no tenant uses it.";
