"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { ActionResult } from "@/lib/action-result";
import { submitAcceptInvitation } from "./actions";

export function AcceptInvitationForm({ slug, token }: { slug: string; token: string }) {
  const [result, action, pending] = useActionState<ActionResult<{ slug: string }> | undefined, FormData>(submitAcceptInvitation, undefined);
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="token" value={token} />
      <FormMessage result={result} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Accepting…" : "Accept invitation"}
      </Button>
    </form>
  );
}
