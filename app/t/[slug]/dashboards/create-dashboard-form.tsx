"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormCard } from "@/components/ui/form-card";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { createDashboard } from "./actions";

export function CreateDashboardForm({ slug }: { slug: string }) {
  const router = useRouter();
  // A new dashboard is empty: open it, where its widgets are added.
  const { result, values, version, fieldErrors, formAction, pending } = useFormAction((previous, form) => createDashboard(slug, previous, form), {
    onSuccess: (data) => router.push(`/t/${slug}/dashboards/${data.id}`),
  });
  return (
    <FormCard title="New dashboard">
      <form key={version} action={formAction} noValidate className="mt-4 flex flex-wrap items-start gap-3">
        <TextField label="Name" name="name" defaultValue={String(values.name ?? "")} errors={fieldErrors.name} maxLength={80} className="w-72" />
        <Button type="submit" disabled={pending} className="mt-6">
          {pending ? "Creating…" : "New dashboard"}
        </Button>
      </form>
      <FormMessage result={result} success={result?.ok ? `Created the dashboard ${result.data.name}.` : undefined} />
    </FormCard>
  );
}
