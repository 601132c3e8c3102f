// The license catalog, kept in code (a superadmin picks one per tenant). A license sets the tenant's
// default flow cap (a superadmin may override the cap per tenant) and its member limit.
export const LICENSES = {
  free: { label: "Free", flowCap: 5, memberLimit: 10, features: ["Flows", "Activity log"] },
  team: { label: "Team", flowCap: 50, memberLimit: 100, features: ["Flows", "Activity log", "CSV export", "Approved domains"] },
  enterprise: {
    label: "Enterprise",
    flowCap: 1000,
    memberLimit: 100_000,
    features: ["Flows", "Activity log", "CSV export", "Approved domains", "Password-only login policy"],
  },
} as const;

export type LicenseKey = keyof typeof LICENSES;

export const LICENSE_KEYS = Object.keys(LICENSES) as [LicenseKey, ...LicenseKey[]];

export function licenseOf(key: string) {
  return LICENSES[(key in LICENSES ? key : "free") as LicenseKey];
}
