"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { ActionResult } from "@/lib/action-result";
import type { UserAction } from "@/lib/actions/user-action";

export function SetPasswordButton({
  requestPasswordLink,
  minutesValid,
}: {
  requestPasswordLink: UserAction<{ email: string }>;
  minutesValid: number;
}) {
  const [result, action, pending] = useActionState<ActionResult<{ email: string }> | null, FormData>(requestPasswordLink, null);
  return (
    <form action={action} className="space-y-3">
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Set password"}
      </Button>
      <FormMessage
        result={result}
        success={result?.ok ? `We sent a link to ${result.data.email}. It works once, for ${minutesValid} minutes.` : undefined}
      />
    </form>
  );
}
