"use client";

// The controls of a group's "Flow access" (members.manage): All flows or Only these flows, and the
// flows on the list (add from a bounded search, remove).
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";
import { FLOW_SCOPE_LABELS, type FlowScope } from "@/lib/groups/flow-scope-labels";
import { addGroupFlow, removeGroupFlow, setGroupFlowScope } from "../actions/group-flow-scope";

export function FlowScopeForm({ slug, groupId, scope }: { slug: string; groupId: string; scope: FlowScope }) {
  const { result, version, fieldErrors, formAction, pending } = useFormAction((previous, form) => setGroupFlowScope(slug, previous, form));
  return (
    <div className="space-y-3">
      <form key={version} action={formAction} className="space-y-3">
        <input type="hidden" name="groupId" value={groupId} />
        <fieldset aria-describedby={fieldErrors.flowScope ? "flow-scope-error" : undefined}>
          <legend className="text-sm font-medium">Edit flows and Run flows apply to</legend>
          {(Object.keys(FLOW_SCOPE_LABELS) as FlowScope[]).map((value) => (
            <label key={value} className="mt-1 flex items-center gap-2 text-sm">
              <input type="radio" name="flowScope" value={value} defaultChecked={scope === value} />
              {FLOW_SCOPE_LABELS[value]}
            </label>
          ))}
          {fieldErrors.flowScope && (
            <p id="flow-scope-error" className="mt-1 text-sm text-red-700">
              {fieldErrors.flowScope[0]}
            </p>
          )}
        </fieldset>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Saving…" : "Save flow access"}
        </Button>
      </form>
      <FormMessage result={result} />
    </div>
  );
}

/** One flow's Add or Remove button (the flow's name in its accessible name: a list has many). */
export function GroupFlowButton({ slug, groupId, flowId, flowName, change }: { slug: string; groupId: string; flowId: string; flowName: string; change: "add" | "remove" }) {
  const action = change === "add" ? addGroupFlow : removeGroupFlow;
  const { result, formAction, pending } = useFormAction((previous, form) => action(slug, previous, form));
  const verb = change === "add" ? "Add" : "Remove";
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="groupId" value={groupId} />
      <input type="hidden" name="flowId" value={flowId} />
      <Button type="submit" variant="secondary" disabled={pending} aria-label={`${verb} ${flowName}`}>
        {verb}
      </Button>
      {result && !result.ok && <FormMessage result={result} />}
    </form>
  );
}
