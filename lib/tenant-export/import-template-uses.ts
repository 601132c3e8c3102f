// A tenant data file's flow template customisations (version 3), by template id: templates are the
// workspace's (/admin/templates), not the tenant's, so a file exported from another console may name a
// template this one lacks; that customisation is skipped and the dry run says so. A customisation the
// tenant has of the same template gets the file's overrides; one it lacks is created with them, with its
// flow in Production (a use is a real flow: lib/templates/template-flow.ts), and each saves a flow version.
import "server-only";
import { z } from "zod";
import { findFlowTemplate, listFlowTemplateUses, updateFlowTemplateUse } from "@/db/queries/flow-templates";
import { makeTemplateFlow, saveTemplateFlow } from "../templates/template-flow";
import type { TenantTx } from "@/db/scopes";
import { FlowNameInput, FlowStep } from "../flows/flow-input";
import { MAX_STEPS } from "../flows/steps";
import { TemplateDescriptionInput } from "../templates/template-input";
import type { RecordOf } from "./format";
import type { KindOutcome } from "./import-plan";
import { checked, refuseFile } from "./refuse-file";

const Overrides = z.object({
  name: FlowNameInput.nullable(),
  description: TemplateDescriptionInput.nullable(),
  extraSteps: z.array(FlowStep).max(MAX_STEPS).nullable(),
});

const sameSteps = (a: string[] | null, b: string[] | null) => (a === null || b === null ? a === b : a.length === b.length && a.every((step, index) => step === b[index]));

export async function importTemplateUses(tx: TenantTx, records: RecordOf<"template_use">[], createdBy: string | null, outcome: KindOutcome): Promise<void> {
  const existing = new Map((await listFlowTemplateUses(tx)).map(({ use }) => [use.templateId, use]));
  const inFile = new Set<string>();
  for (const record of records) {
    const label = record.templateName.slice(0, 200);
    if (inFile.has(record.templateId)) refuseFile(`The file customises the template ${label} twice. Nothing was imported.`);
    inFile.add(record.templateId);
    const overrides = checked(Overrides, { name: record.name, description: record.description, extraSteps: record.extraSteps }, `a customisation of the template ${label}`);
    const template = await findFlowTemplate(tx, record.templateId);
    if (!template) {
      outcome.skipped.push({ name: label, reason: "this workspace has no such template (ask a superadmin to add it, then import again)" });
      continue;
    }
    const use = existing.get(template.id);
    if (use && use.name === overrides.name && use.description === overrides.description && sameSteps(use.extraSteps, overrides.extraSteps)) {
      outcome.skipped.push({ name: template.name, reason: "the same customisation is already there" });
      continue;
    }
    const target = use ?? (await makeTemplateFlow(tx, template, "production", createdBy, overrides.name))!.use;
    const saved = await updateFlowTemplateUse(tx, target.id, overrides);
    await saveTemplateFlow(tx, saved!, template, createdBy, { nameChanged: !use || use.name !== overrides.name });
    (use ? outcome.changed : outcome.created).push(template.name);
  }
}
