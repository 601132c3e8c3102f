// What a license downgrade does to features already set up (a product choice): nothing is removed.
// Approved domains stay approved and keep restricting who can be added; a password-only policy stays
// on. The admin may relax them (remove a domain, switch magic links back on) but not extend them
// (add a domain, switch magic links off) until the tenant is upgraded. The alternative, read-only
// settings, would keep an admin from loosening a restriction they can no longer pay for.
import { ActionError } from "./actions/core";
import { licenseAllows, licenseRequiredMessage, type Feature } from "./licenses";

/** A change that extends a paid feature: refused with LICENSE_REQUIRED when the license lacks it. */
export function requireFeature(license: string, feature: Feature, field?: string): void {
  if (licenseAllows(license, feature)) return;
  const message = licenseRequiredMessage(feature, license);
  throw new ActionError("LICENSE_REQUIRED", message, field ? { [field]: [message] } : undefined);
}

