"use client";

// The profile's two-factor controls: set up, confirm with the first code (then the recovery codes,
// shown this once), and turn off with a code.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import type { ActionResult } from "@/lib/action-result";
import type { UserAction } from "@/lib/actions/user-action";

type Result<T> = ActionResult<T> | null;

export function StartTwoFactorButton({ start }: { start: UserAction<null> }) {
  const [result, action, pending] = useActionState<Result<null>, FormData>(start, null);
  return (
    <form action={action} className="space-y-3">
      <Button type="submit" disabled={pending}>
        Set up two-factor
      </Button>
      <FormMessage result={result} />
    </form>
  );
}

function CodeForm<T>({ submit, label, variant, children }: { submit: UserAction<T>; label: string; variant?: "danger"; children?: (data: T) => React.ReactNode }) {
  const [result, action, pending] = useActionState<Result<T>, FormData>(submit, null);
  if (result?.ok && children) return <>{children(result.data)}</>;
  const codeErrors = result && !result.ok ? result.fieldErrors?.code?.slice(0, 1) : undefined;
  return (
    <form action={action} noValidate className="space-y-3">
      <TextField label="Code" name="code" autoComplete="one-time-code" required errors={codeErrors} className="max-w-48" />
      <Button type="submit" variant={variant} disabled={pending}>
        {label}
      </Button>
      {!codeErrors && <FormMessage result={result} />}
    </form>
  );
}

export function ConfirmTwoFactorForm({ confirm }: { confirm: UserAction<{ recoveryCodes: string[] }> }) {
  return (
    <CodeForm submit={confirm} label="Confirm code">
      {({ recoveryCodes }) => (
        <div role="status" className="space-y-3">
          <p className="text-sm font-medium text-green-800">Two-factor authentication is on.</p>
          <h3 className="text-sm font-semibold">Recovery codes</h3>
          <p className="text-sm text-slate-600">
            Each code signs you in once if you lose your authenticator app. Keep them somewhere safe: they are shown only now.
          </p>
          <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-1 font-mono text-sm">
            {recoveryCodes.map((code) => (
              <li key={code}>{code}</li>
            ))}
          </ul>
        </div>
      )}
    </CodeForm>
  );
}

export function DisableTwoFactorForm({ disable }: { disable: UserAction<null> }) {
  return <CodeForm submit={disable} label="Turn off two-factor" variant="danger" />;
}
