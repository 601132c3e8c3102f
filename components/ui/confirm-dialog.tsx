"use client";

import { useId, useLayoutEffect, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import { Button } from "./button";

/**
 * A button that opens a modal confirmation (native <dialog>: focus is trapped, Escape cancels and
 * focus returns to the button). With `requireText`, the confirm button stays disabled until that
 * exact text is typed. A refusal is shown inside the dialog and the dialog stays open. The dialog is
 * only in the DOM while open: a table with one per row would otherwise send every row's closed dialog
 * in its HTML.
 */
export function ConfirmDialog({
  triggerLabel,
  triggerVariant = "danger",
  title,
  children,
  confirmLabel,
  requireText,
  requireTextLabel,
  onConfirm,
  onConfirmed,
}: {
  triggerLabel: string;
  triggerVariant?: "primary" | "secondary" | "danger";
  title: string;
  children?: React.ReactNode;
  confirmLabel: string;
  requireText?: string;
  requireTextLabel?: string;
  /** Receives what was typed into the type-to-confirm field ("" without `requireText`), for the server to check too. */
  onConfirm: (typed: string) => Promise<ActionResult<unknown> | void>;
  /**
   * After a confirmed action, once the dialog has closed: where focus goes when the trigger is about
   * to disappear (a removed row's "Remove"); without it, focus returns to the trigger.
   */
  onConfirmed?: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [shown, setShown] = useState(false);
  // useId: a page may hold many dialogs with the same trigger label (a "Remove" per table row).
  const titleId = `confirm-${useId()}-title`;

  // Opened as a modal once rendered; closing it (Escape, Cancel, a confirmed action) removes it again.
  useLayoutEffect(() => {
    if (shown && !dialogRef.current?.open) dialogRef.current?.showModal();
  }, [shown]);

  function open() {
    setTyped("");
    setError(null);
    setShown(true);
  }

  function confirm() {
    startTransition(async () => {
      const result = await onConfirm(typed);
      if (result && !result.ok) return setError(result.message);
      dialogRef.current?.close();
      onConfirmed?.();
    });
  }

  const confirmable = !requireText || typed === requireText;
  return (
    <>
      <Button type="button" variant={triggerVariant} onClick={open}>
        {triggerLabel}
      </Button>
      {shown && (
        <dialog
          ref={dialogRef}
          onClose={() => setShown(false)}
          aria-labelledby={titleId}
          className="m-auto w-full max-w-md rounded-xl border border-slate-200 p-6 shadow-xl backdrop:bg-slate-900/40"
        >
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          <div className="mt-3 text-sm text-slate-700">{children}</div>
          {requireText && (
            <div className="mt-4">
              <label htmlFor={`${titleId}-typed`} className="block text-sm font-medium">
                {requireTextLabel ?? `Type "${requireText}" to confirm`}
              </label>
              <input
                id={`${titleId}-typed`}
                value={typed}
                onChange={(event) => setTyped(event.target.value)}
                autoComplete="off"
                className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
              />
            </div>
          )}
          {error && (
            <p role="alert" className="mt-3 text-sm text-red-700">
              {error}
            </p>
          )}
          <div className="mt-6 flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => dialogRef.current?.close()} disabled={pending}>
              Cancel
            </Button>
            <Button type="button" variant="danger" onClick={confirm} disabled={!confirmable || pending}>
              {pending ? "Working…" : confirmLabel}
            </Button>
          </div>
        </dialog>
      )}
    </>
  );
}
