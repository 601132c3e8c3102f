"use client";

import { RenameForm } from "@/components/ui/rename-form";
import { renameDataTableAction } from "../actions";

export function RenameTableForm({ slug, tableId, name }: { slug: string; tableId: string; name: string }) {
  return <RenameForm name={name} hidden={{ tableId }} rename={(previous, form) => renameDataTableAction(slug, previous, form)} />;
}
