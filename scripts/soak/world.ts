// The soak's tenants: one Admin member each (password sign-in), on the Enterprise license so the
// members and flows the soak adds stay under the caps. Names are zero-padded so that no tenant's name
// contains another's: a page naming a tenant other than the caller's is found by name.
import type { SeedWorld } from "../../db/seed";

export const SOAK_PASSWORD = "soak member passphrase";

export interface SoakTenant {
  slug: string;
  name: string;
  memberEmail: string;
}

export function soakWorld(count: number): { seed: SeedWorld; tenants: SoakTenant[] } {
  const tenants = Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(3, "0");
    return { slug: `soak-${n}`, name: `Soak Tenant ${n}`, memberEmail: `member-${n}@soak.test` };
  });
  return {
    tenants,
    seed: {
      users: tenants.map((t) => ({ email: t.memberEmail, name: `Member ${t.slug}`, password: SOAK_PASSWORD })),
      tenants: tenants.map((t) => ({
        slug: t.slug,
        name: t.name,
        contactEmail: `ops-${t.slug}@soak.test`,
        license: "enterprise" as const,
        flowCap: 1000,
        members: [{ email: t.memberEmail, roles: ["admin" as const] }],
      })),
    },
  };
}
