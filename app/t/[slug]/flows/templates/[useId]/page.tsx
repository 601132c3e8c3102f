import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { withActorTenant } from "@/db/scopes";
import { findFlowTemplate, findFlowTemplateUse } from "@/db/queries/flow-templates";
import { listCredentials } from "@/db/queries/credentials";
import { findFlow } from "@/db/queries/flows";
import { PageHeader } from "@/components/ui/page-header";
import { requireActorWith } from "@/lib/actor";
import { stepLabel } from "@/lib/flows/steps";
import { isUuid } from "@/lib/ids";
import { can } from "@/lib/permissions";
import { withEnvironment } from "@/lib/flows/environments";
import { effectiveFlow, FIELD_LABELS, OVERRIDABLE_FIELDS, type OverridableField } from "@/lib/templates/effective-flow";
import { inheritedNameHint, MADE_BESIDE_FLOW, madeBesideFlowMessage, nameBesideFlow } from "@/lib/templates/template-flow-name";
import { single, type SearchParams } from "@/lib/url-state/search-params";
import { CustomiseTemplateForm } from "../customise-template-form";
import { MadeBesideFlowNotice } from "../made-beside-flow-notice";
import { RemoveTemplateUseButton } from "../remove-template-use-button";
import { ResetFieldButton } from "../reset-field-button";

export const metadata: Metadata = { title: "Flow from a template" };

/**
 * A tenant's flow made from a workspace template, as it reads now: each field is the tenant's override
 * ("Customised", with "Reset to template") or the template's ("Inherited from template"). The name shown
 * is the flow's own: an inherited name another flow has reads "<name> (template)", and says why.
 */
export default async function TemplateUsePage({ params, searchParams }: { params: Promise<{ slug: string; useId: string }>; searchParams: Promise<SearchParams> }) {
  const { slug, useId } = await params;
  const made = single((await searchParams).made);
  const actor = await requireActorWith(slug, "flows.read");
  if (!isUuid(useId)) notFound();
  const canWrite = can(actor, "flows.write");
  const found = await withActorTenant(actor, async (tx) => {
    const use = await findFlowTemplateUse(tx, useId);
    const template = use && (await findFlowTemplate(tx, use.templateId));
    // The flow row, brought up to date with its template first: it holds the name the rule gave it.
    const flowRow = use && (await findFlow(tx, use.flowId, { environment: use.environment }));
    const credentialNames = canWrite && can(actor, "credentials.use") ? (await listCredentials(tx)).map((credential) => credential.name) : [];
    return use && template && flowRow ? { use, template, flowName: flowRow.name, credentialNames } : null;
  });
  if (!found) notFound();
  const { use, template, flowName, credentialNames } = found;
  const flow = effectiveFlow(template, use);
  // "Use template" sent the tenant here; say what it said, while it is still so.
  const madeBesideFlow = made === MADE_BESIDE_FLOW && !flow.customised.name && flowName === nameBesideFlow(template.name);
  const flowHref = withEnvironment(`/t/${slug}/flows/${use.flowId}`, use.environment);
  const shown: Record<OverridableField, React.ReactNode> = {
    name: flowName,
    description: flow.description || <span className="text-slate-500">No description</span>,
    extraSteps: flow.extraSteps.length ? flow.extraSteps.map((step) => stepLabel(step)).join(" → ") : <span className="text-slate-500">None</span>,
  };

  return (
    <section>
      <p className="mb-2 text-sm">
        <Link href={`/t/${slug}/flows`} className="text-blue-800 hover:underline">
          ← Flows
        </Link>
        {" · "}
        <Link href={flowHref} className="text-blue-800 hover:underline">
          Open flow (run, runs, history)
        </Link>
      </p>
      <PageHeader title={flowName} description={`From the workspace template ${template.name}.`}>
        {canWrite && <RemoveTemplateUseButton slug={slug} useId={use.id} name={flowName} flowHref={flowHref} />}
      </PageHeader>
      {madeBesideFlow && <MadeBesideFlowNotice message={madeBesideFlowMessage(template.name)} />}
      <section aria-labelledby="fields-heading" className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="fields-heading" className="text-lg font-semibold">
          Fields
        </h2>
        <dl className="mt-2 grid gap-3 text-sm">
          {OVERRIDABLE_FIELDS.map((field) => (
            <div key={field} data-field={field} className="flex flex-wrap items-center gap-2">
              <dt className="w-28 font-medium">{FIELD_LABELS[field]}</dt>
              <dd data-testid={`effective-${field}`}>{shown[field]}</dd>
              <dd className="text-xs">
                {flow.customised[field] ? (
                  <span className="rounded bg-amber-100 px-2 py-0.5 text-amber-900">Customised</span>
                ) : (
                  <span className="rounded bg-slate-100 px-2 py-0.5 text-slate-700">Inherited from template</span>
                )}
              </dd>
              {canWrite && (
                <dd>
                  <ResetFieldButton slug={slug} useId={use.id} field={field} customised={flow.customised[field]} />
                </dd>
              )}
            </div>
          ))}
        </dl>
        <h3 className="mt-4 text-sm font-medium">Steps, run in this order</h3>
        <ol className="mt-1 list-decimal pl-5 text-sm">
          {flow.templateSteps.map((step, index) => (
            <li key={`t${index}`}>{`${stepLabel(step)} (template)`}</li>
          ))}
          {flow.extraSteps.map((step, index) => (
            <li key={`e${index}`}>{stepLabel(step)}</li>
          ))}
        </ol>
      </section>
      {canWrite && (
        <CustomiseTemplateForm
          slug={slug}
          useId={use.id}
          current={{ name: flow.name, description: flow.description, extraSteps: flow.extraSteps }}
          nameHint={flow.customised.name ? undefined : inheritedNameHint(template.name, flowName)}
          credentialNames={credentialNames}
        />
      )}
    </section>
  );
}
