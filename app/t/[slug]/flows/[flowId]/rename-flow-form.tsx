"use client";

import { RenameForm } from "@/components/ui/rename-form";
import { renameFlow } from "../actions";
import type { Environment } from "@/db/schema/flows";

export function RenameFlowForm({ slug, flowId, name, environment }: { slug: string; flowId: string; name: string; environment: Environment }) {
  return <RenameForm name={name} hidden={{ flowId, environment }} rename={(previous, form) => renameFlow(slug, previous, form)} />;
}
