"use server";

// Importing a tenant data file (Admins): the dry run shows what applying would create, change and
// skip and writes nothing; applying does the same in one transaction, with its entry in the log.
import { tenantAction, tenantDryRun } from "@/lib/actions/tenant-action";
import { importDefinition } from "@/lib/tenant-export/import-action";

export const importTenantData = tenantAction(importDefinition);

export const previewTenantImport = tenantDryRun(importDefinition);
