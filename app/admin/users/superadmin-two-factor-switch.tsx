"use client";

import { FlagSwitch } from "../flag-switch";
import { setSuperadminTwoFactor } from "./actions";

/** The platform's "Require two-factor for superadmins" setting, saved as soon as it is toggled. */
export function SuperadminTwoFactorSwitch({ required }: { required: boolean }) {
  return <FlagSwitch label="Require two-factor for superadmins" checked={required} save={(value) => setSuperadminTwoFactor(null, { required: value })} />;
}
