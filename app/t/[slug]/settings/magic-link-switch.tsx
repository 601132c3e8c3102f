"use client";

import { useId } from "react";
import { useSavedSwitch } from "@/components/ui/use-saved-switch";
import { Switch } from "@/components/ui/switch";
import type { TenantAction } from "@/lib/actions/tenant-action";

/**
 * "Magic link login": saved as soon as it is flipped; a refusal flips it back and says why. Switching
 * it off is the password-only policy, a paid feature: without it the switch stays disabled while on,
 * with the license it needs beside it. Once off (set up before a downgrade), it may still be turned on.
 */
export function MagicLinkSwitch({
  slug,
  enabled,
  canManage,
  passwordOnlyUnavailable,
  setMagicLinkLogin,
}: {
  slug: string;
  enabled: boolean;
  canManage: boolean;
  /** Why the tenant's license does not allow switching magic links off, or null when it does. */
  passwordOnlyUnavailable: string | null;
  setMagicLinkLogin: TenantAction<null>;
}) {
  const reasonId = useId();
  const { shown, change, pending, error } = useSavedSwitch(enabled, (next) => setMagicLinkLogin(slug, null, { magicLinkEnabled: next }));

  return (
    <div className="max-w-xl">
      <div className="flex items-center gap-3">
        <Switch
          label="Magic link login"
          checked={shown}
          onChange={change}
          disabled={!canManage || pending || (shown && passwordOnlyUnavailable !== null)}
          describedBy={canManage && passwordOnlyUnavailable ? reasonId : undefined}
        />
        <span aria-hidden="true" className="text-sm font-medium">
          Magic link login
        </span>
      </div>
      <p className="mt-2 text-sm text-slate-600">
        {shown
          ? "On: members may sign in to this tenant with a one-time link sent by email."
          : "Off: members must sign in with a password. Sessions opened by an email link are sent to the password sign-in."}
      </p>
      {canManage && passwordOnlyUnavailable && (
        <p id={reasonId} className="mt-2 text-sm text-amber-800">
          {passwordOnlyUnavailable}
        </p>
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
