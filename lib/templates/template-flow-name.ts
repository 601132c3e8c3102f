// What the tenant is told about the name of a flow made from a workspace template, when the template's
// name is another flow's already (the rule: db/queries/template-flows.ts, freeTemplateFlowName). The
// actions answer with these, and the customisation page says the same, so they are kept in one place.
// No server imports: the form's hint uses them too.
import { TEMPLATE_NAME_SUFFIX } from "./effective-table";

/** "<name> (template)": the name a template-made flow takes beside another flow named `name`. */
export const nameBesideFlow = (name: string) => `${name}${TEMPLATE_NAME_SUFFIX}`;

/**
 * "Use template" opens the flow's customisation page, where its answer would be lost: this query value
 * (`?made=beside-flow`) asks that page to say it, which it does only while the flow is so named.
 */
export const MADE_BESIDE_FLOW = "beside-flow";

/** "Use template" made the flow under the suffixed name. */
export const madeBesideFlowMessage = (name: string) => `Made the flow ${nameBesideFlow(name)}: a flow named ${name} exists already.`;

/** "Reset to template" on the name gave the suffixed name. */
export const nameResetBesideFlowMessage = (name: string) => `Name reset to the template's, as ${nameBesideFlow(name)}: a flow named ${name} exists already.`;

/** A customisation save that gave up a customised name for the template's took the suffixed one. */
export const savedBesideFlowMessage = (name: string) => `Saved. The name is the template's, as ${nameBesideFlow(name)}: a flow named ${name} exists already.`;

/** Neither name is free: the action is refused (next to the button, and on the Name field). */
export const templateFlowNamesTakenMessage = (name: string) =>
  `Flows named ${name} and ${nameBesideFlow(name)} exist already: rename one of them to give this flow the template's name.`;

/**
 * The customisation form's hint under an inherited Name: what the flow is called now (`flowName`, the
 * flow row's), saying why when that is not the template's name.
 */
export function inheritedNameHint(templateName: string, flowName: string) {
  if (flowName === templateName) return `Inherited from the template: ${flowName}`;
  if (flowName === nameBesideFlow(templateName)) return `Inherited from the template: ${flowName} (another flow is named ${templateName})`;
  // The sync keeps a flow's name when both are taken (a template renamed onto two of the tenant's flows).
  return `Inherited from the template, kept as ${flowName}: flows named ${templateName} and ${nameBesideFlow(templateName)} exist already`;
}
