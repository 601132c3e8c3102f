"use client";

import { useId, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ENVIRONMENT_LABELS, ENVIRONMENTS, type Environment } from "@/lib/flows/environment-labels";
import { deployPackage, deployPackageToTenant } from "./actions";

/**
 * "Deploy": the target environment and, optionally, another tenant (its slug; empty is this tenant),
 * then a confirmation, because a deploy overwrites the target's flows of the same ids.
 */
export function DeployPackageButton({ slug, packageId, name }: { slug: string; packageId: string; name: string }) {
  const [environment, setEnvironment] = useState<Environment>("production");
  const [targetTenant, setTargetTenant] = useState("");
  const id = useId();
  const elsewhere = targetTenant.trim() !== "";
  return (
    <ConfirmDialog
      triggerLabel={`Deploy ${name}`}
      triggerVariant="secondary"
      title={`Deploy ${name}?`}
      confirmLabel="Deploy"
      onConfirm={() =>
        elsewhere
          ? deployPackageToTenant(slug, null, { packageId, environment, targetTenant })
          : deployPackage(slug, null, { packageId, environment })
      }
    >
      <div className="space-y-3">
        <p>Flows with the same ids in the target are overwritten; their previous state stays in each flow&apos;s history, where it can be restored.</p>
        <div>
          <label htmlFor={`${id}-environment`} className="block font-medium">
            Target environment
          </label>
          <select
            id={`${id}-environment`}
            value={environment}
            onChange={(event) => setEnvironment(event.target.value as Environment)}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2"
          >
            {ENVIRONMENTS.map((choice) => (
              <option key={choice} value={choice}>
                {ENVIRONMENT_LABELS[choice]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-tenant`} className="block font-medium">
            Target tenant
          </label>
          <input
            id={`${id}-tenant`}
            value={targetTenant}
            onChange={(event) => setTargetTenant(event.target.value)}
            placeholder="This tenant"
            autoComplete="off"
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
          />
          <p className="mt-1 text-xs text-slate-500">Optional: another tenant&apos;s slug, where you are Admin.</p>
        </div>
      </div>
    </ConfirmDialog>
  );
}
