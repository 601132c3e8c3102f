import { useId } from "react";
import { connectionStep, credentialStep, MAX_STEPS, STEP_KINDS, STEP_LABELS, stepLabel } from "@/lib/flows/steps";

/**
 * One select per step position, all named `name` (the server drops the empty "No step" choices), with
 * the fieldset's error under it. `credentialNames`: the tenant's credentials a step may use (names only);
 * `connections`: the tenant's connections a step may use.
 */
export function StepSelects({
  name,
  legend,
  steps,
  errors,
  credentialNames = [],
  connections = [],
}: {
  name: string;
  legend: string;
  steps: readonly string[];
  errors?: string[];
  credentialNames?: readonly string[];
  connections?: readonly { id: string; name: string }[];
}) {
  const errorId = `${useId()}-error`;
  return (
    <fieldset aria-describedby={errors?.length ? errorId : undefined}>
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="mt-2 flex flex-wrap gap-3">
        {Array.from({ length: MAX_STEPS }, (_, index) => (
          <label key={index} className="text-xs text-slate-600">
            Step {index + 1}
            <select name={name} defaultValue={steps[index] ?? ""} className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900">
              <option value="">No step</option>
              {STEP_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {STEP_LABELS[kind]}
                </option>
              ))}
              {credentialNames.length ? (
                <optgroup label="Credentials">
                  {credentialNames.map((credential) => (
                    <option key={credential} value={credentialStep(credential)}>
                      {stepLabel(credentialStep(credential))}
                    </option>
                  ))}
                </optgroup>
              ) : null}
              {connections.length ? (
                <optgroup label="Connections">
                  {connections.map((connection) => (
                    <option key={connection.id} value={connectionStep(connection.id)}>
                      {`Use the connection ${connection.name}`}
                    </option>
                  ))}
                </optgroup>
              ) : null}
            </select>
          </label>
        ))}
      </div>
      {errors?.length ? (
        <p id={errorId} role="alert" className="mt-1 text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
