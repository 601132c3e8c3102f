import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { withActorTenant } from "@/db/scopes";
import { findFlowTemplate, findFlowTemplateUse } from "@/db/queries/flow-templates";
import { listCredentials } from "@/db/queries/credentials";
import { PageHeader } from "@/components/ui/page-header";
import { requireActorWith } from "@/lib/actor";
import { stepLabel } from "@/lib/flows/steps";
import { isUuid } from "@/lib/ids";
import { can } from "@/lib/permissions";
import { withEnvironment } from "@/lib/flows/environments";
import { effectiveFlow, FIELD_LABELS, OVERRIDABLE_FIELDS, type OverridableField } from "@/lib/templates/effective-flow";
import { CustomiseTemplateForm } from "../customise-template-form";
import { RemoveTemplateUseButton } from "../remove-template-use-button";
import { ResetFieldButton } from "../reset-field-button";

export const metadata: Metadata = { title: "Flow from a template" };

/**
 * A tenant's flow made from a workspace template, as it reads now: each field is the tenant's override
 * ("Customised", with "Reset to template") or the template's ("Inherited from template").
 */
export default async function TemplateUsePage({ params }: { params: Promise<{ slug: string; useId: string }> }) {
  const { slug, useId } = await params;
  const actor = await requireActorWith(slug, "flows.read");
  if (!isUuid(useId)) notFound();
  const canWrite = can(actor, "flows.write");
  const found = await withActorTenant(actor, async (tx) => {
    const use = await findFlowTemplateUse(tx, useId);
    const template = use && (await findFlowTemplate(tx, use.templateId));
    const credentialNames = canWrite && can(actor, "credentials.use") ? (await listCredentials(tx)).map((credential) => credential.name) : [];
    return use && template ? { use, template, credentialNames } : null;
  });
  if (!found) notFound();
  const { use, template, credentialNames } = found;
  const flow = effectiveFlow(template, use);
  const flowHref = withEnvironment(`/t/${slug}/flows/${use.flowId}`, use.environment);
  const shown: Record<OverridableField, React.ReactNode> = {
    name: flow.name,
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
      <PageHeader title={flow.name} description={`From the workspace template ${template.name}.`}>
        {canWrite && <RemoveTemplateUseButton slug={slug} useId={use.id} name={flow.name} flowHref={flowHref} />}
      </PageHeader>
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
              {canWrite && flow.customised[field] && (
                <dd>
                  <ResetFieldButton slug={slug} useId={use.id} field={field} />
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
          credentialNames={credentialNames}
        />
      )}
    </section>
  );
}
