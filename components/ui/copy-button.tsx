"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies `value` to the clipboard and says so (politely, for screen readers too). */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [status, setStatus] = useState<string>("");
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus("Copied");
    } catch {
      setStatus("Could not copy: select the text and copy it yourself");
    }
  }
  return (
    <span className="inline-flex items-center gap-2">
      <Button type="button" variant="secondary" onClick={copy} className="px-2 py-1 text-xs">
        {label}
      </Button>
      <span role="status" className="text-xs text-slate-600">
        {status}
      </span>
    </span>
  );
}
