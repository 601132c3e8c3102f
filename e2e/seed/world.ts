// Shorthands for the e2e worlds, which are mostly people, tenants and who has which role where:
// written out in full, every world repeated the same object shapes line for line.
import type { SeedTenant, SeedUser } from "../../db/seed";

type Role = SeedTenant["members"][number]["roles"][number];

/** Users by address and name, in order (the first is recorded as the creator of the world's tenants). */
export const users = (names: Record<string, string>): SeedUser[] => Object.entries(names).map(([email, name]) => ({ email, name }));

/** Active members with one role each, by address. */
export const members = (roles: Record<string, Role>): SeedTenant["members"] => Object.entries(roles).map(([email, role]) => ({ email, roles: [role] }));

/** A tenant on the Free license with a flow cap of 5, unless it says otherwise. */
export const tenant = ({
  license = "free",
  flowCap = 5,
  ...rest
}: Omit<SeedTenant, "license" | "flowCap"> & Partial<Pick<SeedTenant, "license" | "flowCap">>): SeedTenant => ({ license, flowCap, ...rest });
