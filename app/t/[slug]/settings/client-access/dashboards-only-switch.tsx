"use client";

import { useSavedSwitch } from "@/components/ui/use-saved-switch";
import { ErrorMessage } from "@/components/ui/form-message";
import { Switch } from "@/components/ui/switch";
import type { TenantAction } from "@/lib/actions/tenant-action";

/** "Viewers see dashboards only": saved as soon as it is flipped; a refusal flips it back and says why. */
export function DashboardsOnlySwitch({
  slug,
  enabled,
  canManage,
  setViewersSeeDashboardsOnly,
}: {
  slug: string;
  enabled: boolean;
  canManage: boolean;
  setViewersSeeDashboardsOnly: TenantAction<null>;
}) {
  const { shown, change, pending, error } = useSavedSwitch(enabled, (next) => setViewersSeeDashboardsOnly(slug, null, { viewersSeeDashboardsOnly: next }));

  return (
    <div className="max-w-xl">
      <div className="flex items-center gap-3">
        <Switch label="Viewers see dashboards only" checked={shown} onChange={change} disabled={!canManage || pending} />
        <span aria-hidden="true" className="text-sm font-medium">
          Viewers see dashboards only
        </span>
      </div>
      <p className="mt-2 text-sm text-slate-600">
        {shown
          ? "On: members whose only group is Viewer (and Viewer API keys) see dashboards, but not flows, tables, connections or credentials."
          : "Off: Viewers see flows, tables, connections and credentials as well."}
      </p>
      {error && (
        <div className="mt-2">
          <ErrorMessage>{error}</ErrorMessage>
        </div>
      )}
    </div>
  );
}
