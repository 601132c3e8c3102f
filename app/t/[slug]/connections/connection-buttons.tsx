"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";
import { activateConnection, deactivateConnection, deleteConnection, testConnectionAction } from "./actions";

/** A button that submits the connection's id to an action. */
function ConnectionIdForm({ connectionId, formAction, pending, children }: { connectionId: string; formAction: (form: FormData) => void; pending: boolean; children: React.ReactNode }) {
  return (
    <form action={formAction}>
      <input type="hidden" name="connectionId" value={connectionId} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {children}
      </Button>
    </form>
  );
}

/** "Test connection": really calls the target; the outcome (and a failure's reason) is said under the button. */
export function TestConnectionButton({ slug, connectionId }: { slug: string; connectionId: string }) {
  const { result, formAction, pending } = useFormAction((previous, form) => testConnectionAction(slug, previous, form));
  const outcome = result?.ok ? result.data : null;
  return (
    <div>
      <ConnectionIdForm connectionId={connectionId} formAction={formAction} pending={pending}>
        {pending ? "Testing…" : "Test connection"}
      </ConnectionIdForm>
      {/* A failed test is an answer, not a refusal: said as an alert all the same. */}
      {outcome && !outcome.ok ? (
        <p role="alert" className="mt-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          Connection failed: {outcome.message}
        </p>
      ) : (
        <FormMessage result={result} className="mt-2" />
      )}
    </div>
  );
}

/** Deactivate (an inactive connection's webhook refuses posts; flows cannot use it) or activate again. */
export function ConnectionStatusButton({ slug, connectionId, active }: { slug: string; connectionId: string; active: boolean }) {
  const action = active ? deactivateConnection : activateConnection;
  const { result, formAction, pending } = useFormAction((previous, form) => action(slug, previous, form));
  return (
    <div>
      <ConnectionIdForm connectionId={connectionId} formAction={formAction} pending={pending}>
        {active ? "Deactivate" : "Activate"}
      </ConnectionIdForm>
      <FormMessage result={result} className="mt-2" />
    </div>
  );
}

export function DeleteConnectionButton({ slug, connectionId, name }: { slug: string; connectionId: string; name: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      triggerLabel="Delete connection"
      title={`Delete ${name}?`}
      confirmLabel="Delete"
      onConfirm={() => deleteConnection(slug, null, { connectionId })}
      onConfirmed={() => router.push(`/t/${slug}/connections`)}
    >
      Its secrets are deleted; flows that use this connection will fail at that step. This cannot be undone.
    </ConfirmDialog>
  );
}
