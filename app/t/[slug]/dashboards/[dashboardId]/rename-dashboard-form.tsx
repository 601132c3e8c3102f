"use client";

import { RenameForm } from "@/components/ui/rename-form";
import { renameDashboardAction } from "../actions";

export function RenameDashboardForm({ slug, dashboardId, name }: { slug: string; dashboardId: string; name: string }) {
  return <RenameForm name={name} hidden={{ dashboardId }} submitLabel="Rename dashboard" rename={(previous, form) => renameDashboardAction(slug, previous, form)} />;
}
