// The import of a tenant data file as a tenant action (settings.manage, under the package IP list):
// the server action and its dry run (app/t/[slug]/settings/export-import/actions.ts) share this one
// definition, so the dry run shows exactly what applying would do.
import "server-only";
import { z } from "zod";
import { actingUserId } from "../caller";
import { ActionError } from "../actions/core";
import type { TenantActionDefinition } from "../actions/tenant-action";
import { applyImport } from "./apply-import";
import { planSummary, planWrites, type ImportPlan } from "./import-plan";
import { readDataFile } from "./read-file";

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
const CHOOSE_FILE = "Choose a tenant data file to import.";

const ImportInput = z.object({
  file: z.instanceof(File, { error: CHOOSE_FILE }).refine((file) => file.size > 0, CHOOSE_FILE).refine((file) => file.size <= MAX_IMPORT_BYTES, "The file is larger than 50 MB."),
  passphrase: z
    .string()
    .max(1000)
    .optional()
    .transform((passphrase) => passphrase || null),
});

export const importDefinition: TenantActionDefinition<typeof ImportInput, ImportPlan, true> = {
  name: "tenant.import",
  permission: "settings.manage",
  ipKind: "package",
  // Under the tenant's lock: the flow cap counts as it is, and two imports run one after the other.
  lockTenant: true,
  input: ImportInput,
  async run({ tx, actor, input, ip, tenant }) {
    const read = readDataFileText(await input.file.text());
    const plan = await applyImport(tx, tenant, {
      userId: actingUserId(actor),
      email: actor.user.email,
      ip,
      viaSuperadmin: Boolean(actor.viaSuperadmin),
      roles: actor.roles,
      twoFactorEnabled: actor.user.twoFactorEnabled,
    }, read, input.passphrase);
    if (!planWrites(plan)) return { data: plan, activity: null, message: "Nothing to import: the tenant already has everything in the file." };
    return {
      data: plan,
      activity: {
        action: "tenant.imported",
        targetType: "tenant",
        targetId: tx.tenantId,
        summary: `${actor.user.email} imported a tenant data file (${planSummary(plan)}; ${plan.rowsCreated} rows)`,
        details: { file: input.file.name.slice(0, 200), exportedFrom: read.header.tenant.name.slice(0, 200), exportedAt: read.header.exportedAt, plan },
      },
      message: "Import applied.",
    };
  },
};

function readDataFileText(text: string) {
  const read = readDataFile(text);
  if (!read.ok) throw new ActionError("VALIDATION", read.message, { file: [read.message] });
  return read;
}
