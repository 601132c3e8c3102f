"use client";

import { RenameForm } from "@/components/ui/rename-form";
import { renameFlow } from "../actions";

export function RenameFlowForm({ slug, flowId, name }: { slug: string; flowId: string; name: string }) {
  return <RenameForm name={name} hidden={{ flowId }} rename={(previous, form) => renameFlow(slug, previous, form)} />;
}
