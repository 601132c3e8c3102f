// The license catalog, kept in code (a superadmin picks one per tenant). A license sets the tenant's
// default flow cap (a superadmin may override the cap per tenant), its member limit, its data table
// and row limits and its paid features. FEATURES is the one list of what a license unlocks: the server actions, the export route
// and the settings page all ask `licenseAllows`, so what the admin console shows is what is enforced.

/** Licenses from lowest to highest: each one has every feature of the ones before it. */
export const LICENSE_KEYS = ["free", "team", "enterprise"] as const;
export type LicenseKey = (typeof LICENSE_KEYS)[number];

/**
 * Paid features and the lowest license that has each. What a downgrade does (lib/license-downgrade.ts):
 * nothing set up is removed; it stays in force and may be relaxed, but not extended until an upgrade.
 */
export const FEATURES = {
  csvExport: { label: "CSV export", use: "exporting the activity log as CSV", license: "team" },
  approvedDomains: { label: "Approved domains", use: "adding approved domains", license: "team" },
  passwordOnlyLogin: {
    label: "Password-only login policy",
    use: "switching magic-link login off (password-only login)",
    license: "enterprise",
  },
} as const satisfies Record<string, { label: string; use: string; license: LicenseKey }>;

export type Feature = keyof typeof FEATURES;

const FEATURE_KEYS = Object.keys(FEATURES) as Feature[];

// Data tables: tableLimit tables per tenant, rowLimit rows across all of them (lib/data-tables/limits.ts).
const PLANS = {
  free: { label: "Free", flowCap: 5, memberLimit: 10, tableLimit: 5, rowLimit: 10_000 },
  team: { label: "Team", flowCap: 50, memberLimit: 100, tableLimit: 50, rowLimit: 1_000_000 },
  enterprise: { label: "Enterprise", flowCap: 1000, memberLimit: 100_000, tableLimit: 500, rowLimit: 10_000_000 },
} as const;

/** A known license key, or "free" for anything else (a row written before a license was removed). */
export function toLicenseKey(key: string): LicenseKey {
  return (LICENSE_KEYS as readonly string[]).includes(key) ? (key as LicenseKey) : "free";
}

/** Whether a tenant on this license may use the feature. */
export function licenseAllows(license: string, feature: Feature): boolean {
  return LICENSE_KEYS.indexOf(toLicenseKey(license)) >= LICENSE_KEYS.indexOf(FEATURES[feature].license);
}

/** The refusal shown next to a control the tenant's license does not include. */
export function licenseRequiredMessage(feature: Feature, license: string): string {
  const needed = PLANS[FEATURES[feature].license].label;
  const current = PLANS[toLicenseKey(license)].label;
  return `The ${needed} license or higher is needed for ${FEATURES[feature].use}. This tenant has the ${current} license; ask a platform administrator to upgrade it.`;
}

function featuresOf(key: LicenseKey): string[] {
  return ["Flows", "Activity log", ...FEATURE_KEYS.filter((f) => licenseAllows(key, f)).map((f) => FEATURES[f].label)];
}

export const LICENSES = Object.fromEntries(
  LICENSE_KEYS.map((key) => [key, { ...PLANS[key], features: featuresOf(key) }]),
) as Record<LicenseKey, (typeof PLANS)[LicenseKey] & { features: string[] }>;

export function licenseOf(key: string) {
  return LICENSES[toLicenseKey(key)];
}
