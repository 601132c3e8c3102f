// The end-to-end suite's own users and tenants, seeded next to the demo data before the server
// starts (scripts/e2e.ts). Specs that change data use these, one world per area, so they neither
// depend on nor disturb the demo tenants or each other. Addresses end in .e2e.test.
import type { SeedWorld } from "../../db/seed";
import { A11Y_WORLD } from "./a11y";
import { ACCESS_WORLD } from "./access";
import { activityWorld } from "./activity";
import { CREDENTIALS_WORLD } from "./credentials";
import { CONNECTIONS_WORLD } from "./connections";
import { DASHBOARDS_WORLD } from "./dashboards";
import { DASHBOARDS_ONLY_WORLD } from "./dashboards-only";
import { EXPORT_IMPORT_WORLD } from "./export-import";
import { TABLES_WORLD } from "./tables";
import { REST_TABLES_WORLD } from "./rest-tables";
import { ADMIN_WORLD } from "./admin";
import { FLOWS_WORLD } from "./flows";
import { FLOW_SCOPE_WORLD } from "./flow-scope";
import { FUZZ_WORLD } from "./fuzz";
import { GROUPS_WORLD } from "./groups";
import { MEMBERS_WORLD } from "./members";
import { PACKAGES_WORLD } from "./packages";
import { SCALE_WORLD } from "./scale";
import { SETTINGS_WORLD } from "./settings";
import { SSO_WORLD } from "./sso";
import { TWO_FACTOR_WORLD } from "./two-factor";
import { TEMPLATES_WORLD } from "./templates";

export const E2E_WORLDS: SeedWorld[] = [SETTINGS_WORLD, ADMIN_WORLD, FLOWS_WORLD, activityWorld, MEMBERS_WORLD, FUZZ_WORLD, A11Y_WORLD, CREDENTIALS_WORLD, SCALE_WORLD, TWO_FACTOR_WORLD, TABLES_WORLD, ACCESS_WORLD, EXPORT_IMPORT_WORLD, PACKAGES_WORLD, SSO_WORLD, GROUPS_WORLD, FLOW_SCOPE_WORLD, TEMPLATES_WORLD, CONNECTIONS_WORLD, DASHBOARDS_WORLD, DASHBOARDS_ONLY_WORLD, REST_TABLES_WORLD];
