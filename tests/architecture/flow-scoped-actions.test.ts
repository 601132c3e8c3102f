// "A flow permission is checked for the flow": a custom group may be narrowed to particular flows, so
// every action whose permission a group can narrow (FLOW_SCOPED_PERMISSIONS) names the flow it acts on
// (TenantActionDefinition.flowId), and the write core checks the permission for that flow. The only
// exceptions are creating a flow and using a workspace template (they name none: a tenant-wide grant is needed). Pages and route
// handlers ask actorCanForFlow / flowsActorMay, never can(…, "flows.write" | "flows.run"), except the
// flows list's create form (a tenant-wide question). Modules are found on disk: a new one is covered.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { FLOW_SCOPED_PERMISSIONS } from "@/db/schema/flow-scoped-permissions";
import { registeredActions } from "@/lib/actions/core";
import { ROOT, read, relative, sourceFiles } from "./source-files";

vi.mock("@/lib/auth", () => ({ auth: async () => null }));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, refresh: () => {} }));

const APP = path.join(ROOT, "app");
// Creating a flow, and a workspace template's use by the tenant (its customisation is no flow of the
// tenant's: using one is like creating a flow, so only a tenant-wide grant allows it).
const ACTIONS_WITHOUT_A_FLOW = new Set(["flow.create", "flow_template.used", "flow_template.customised", "flow_template.field_reset", "flow_template.removed"]);
const isFlowScoped = (permission: string | undefined) => (FLOW_SCOPED_PERMISSIONS as readonly string[]).includes(permission ?? "");

const actionModules = (fs.readdirSync(APP, { recursive: true }) as string[])
  .map((file) => file.split(path.sep).join("/"))
  .filter((file) => /(^|\/)actions\.ts$/.test(file) || /(^|\/)actions\/[^/]+\.ts$/.test(file));

/** What this test reads of a tenant action's definition. */
interface FlowActionDefinition {
  name: string;
  permission: string;
  input: { parse(raw: unknown): unknown };
  flowId?: (input: unknown) => string;
}

const definitions: FlowActionDefinition[] = [];

beforeAll(async () => {
  for (const file of actionModules) {
    const exported = (await import(path.join(APP, file))) as Record<string, unknown>;
    for (const value of Object.values(exported)) {
      if (typeof value === "function" && "definition" in value) definitions.push((value as { definition: FlowActionDefinition }).definition);
    }
  }
});

describe("flow-scoped permissions are checked for the flow", () => {
  it("every registered action with Edit flows or Run flows names its flow, except creating one", () => {
    const flowActions = [...registeredActions].filter(([, entry]) => isFlowScoped(entry.permission));
    expect(flowActions.map(([name]) => name)).toEqual(expect.arrayContaining(["flow.create", "flow.rename", "flow.save_steps", "flow.restore", "flow.delete", "flow.run"]));
    const unnamed = flowActions.filter(([name, entry]) => !entry.namesFlow && !ACTIONS_WITHOUT_A_FLOW.has(name)).map(([name]) => name);
    expect(unnamed).toEqual([]);
    // The exception stays an exception: creating a flow really names none.
    expect(flowActions.filter(([name, entry]) => ACTIONS_WITHOUT_A_FLOW.has(name) && entry.namesFlow)).toEqual([]);
  });

  it("each such action's flowId reads the flow id its input names (the one its work acts on)", () => {
    const named = definitions.filter((definition) => isFlowScoped(definition.permission) && definition.flowId);
    expect(named.length).toBeGreaterThanOrEqual(5);
    for (const definition of named) {
      const input = definition.input.parse({ flowId: "7f1c2e9a-3a0f-4c55-9d1e-2a6b8c0d4e5f", name: "Probe", steps: ["validate"], version: "1" });
      expect(definition.flowId!(input), definition.name).toBe("7f1c2e9a-3a0f-4c55-9d1e-2a6b8c0d4e5f");
    }
  });

  it("pages, route handlers and components ask per flow: can() on a flow-scoped permission only where no flow is meant", () => {
    // The flows list's create form and a template's customisation page (no flow of the tenant's: see above).
    const ALLOWED = new Set(["app/t/[slug]/flows/page.tsx", "app/t/[slug]/flows/templates/[useId]/page.tsx"]);
    const ASKS_TENANT_WIDE = new RegExp(`\\bcan\\([^)]*["'](${FLOW_SCOPED_PERMISSIONS.map((p) => p.replace(".", "\\.")).join("|")})["']\\)`);
    const files = ["app", "components", "lib"].flatMap((folder) => sourceFiles(path.join(ROOT, folder)));
    const offenders = files.filter((file) => ASKS_TENANT_WIDE.test(read(file)) && !ALLOWED.has(relative(file))).map(relative);
    expect(offenders).toEqual([]);
    // The pattern finds what it is for (so the check above can fail).
    expect(ASKS_TENANT_WIDE.test(`const canRun = can(actor, "flows.run");`)).toBe(true);
    expect(ASKS_TENANT_WIDE.test(`can(actor, "flows.read")`)).toBe(false);
  });
});
