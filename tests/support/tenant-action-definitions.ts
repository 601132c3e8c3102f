// Every tenant action the app defines, found in its actions modules on disk (as the completeness test
// finds them), so a test over "every tenant action" covers a new one without being edited.
import fs from "node:fs";
import path from "node:path";
import type { DefinedTenantAction } from "@/lib/actions/tenant-action";

const APP = path.resolve(import.meta.dirname, "../../app");

export type TenantActionDefinitionOf = DefinedTenantAction<never, unknown, boolean>["definition"];

/** app/**\/actions.ts and app/**\/actions/*.ts, imported; each exported tenant action's definition by its name. */
export async function tenantActionDefinitions(): Promise<Map<string, TenantActionDefinitionOf>> {
  const modules = (fs.readdirSync(APP, { recursive: true }) as string[])
    .map((file) => file.split(path.sep).join("/"))
    .filter((file) => /(^|\/)actions\.ts$/.test(file) || /(^|\/)actions\/[^/]+\.ts$/.test(file));
  const definitions = new Map<string, TenantActionDefinitionOf>();
  for (const file of modules) {
    const exported = (await import(/* @vite-ignore */ path.join(APP, file))) as Record<string, unknown>;
    for (const value of Object.values(exported)) {
      const definition = (value as Partial<DefinedTenantAction<never, unknown, boolean>> | null)?.definition;
      if (typeof value === "function" && definition?.name) definitions.set(definition.name, definition);
    }
  }
  return definitions;
}
