"use client";

import { useId } from "react";
import { LabelledInput } from "@/components/ui/labelled-input";
import { useSettledParam } from "./use-settled-param";

/**
 * A labelled input bound to one search param: the URL changes once typing has settled for
 * `settleMs`, so each keystroke does not start a server query. `hint` says how the value is used;
 * screen readers announce it with the field.
 */
export function ParamInput({
  label,
  param,
  value,
  type,
  settleMs,
  placeholder,
  hint,
  className = "",
}: {
  label: string;
  param: string;
  value: string;
  type: "search" | "date";
  settleMs: number;
  placeholder?: string;
  hint?: string;
  className?: string;
}) {
  const id = useId();
  const [typed, setTyped] = useSettledParam(param, value, settleMs);
  return (
    <div>
      <LabelledInput
        id={id}
        label={label}
        labelClassName="block text-xs font-medium text-slate-600"
        type={type}
        value={typed}
        placeholder={placeholder}
        onChange={(event) => setTyped(event.target.value)}
        describedBy={[Boolean(hint) && `${id}-hint`]}
        className={`mt-1 block rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm ${className}`}
      />
      {hint && (
        <span id={`${id}-hint`} className="sr-only">
          {hint}
        </span>
      )}
    </div>
  );
}
