"use client";

import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import { useFormAction } from "@/components/ui/use-form-action";

/**
 * A settings form bound to a tenant action: keeps what was typed when the action refuses, and
 * refreshes the page's server data after a success (the settings actions do not revalidate).
 */
export function useSettingsForm<T>(action: (previous: unknown, form: FormData) => Promise<ActionResult<T>>) {
  const router = useRouter();
  return useFormAction(action, { onSuccess: () => router.refresh() });
}
