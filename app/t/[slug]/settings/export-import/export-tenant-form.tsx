"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorMessage, SuccessMessage } from "@/components/ui/form-message";
import { LiveRegion } from "@/components/ui/live-region";
import { TextField } from "@/components/ui/text-field";

type State = { phase: "idle" } | { phase: "running"; received: number; total: number | null } | { phase: "done"; file: string } | { phase: "failed"; message: string; field: boolean };

/** The header's record counts: what the progress bar counts lines against (the header and checksum lines included). */
function totalLines(headerLine: string): number | null {
  try {
    const counts = (JSON.parse(headerLine) as { counts?: Record<string, number> }).counts ?? {};
    return Object.values(counts).reduce((sum, count) => sum + count, 0) + 2;
  } catch {
    return null;
  }
}

/**
 * "Export tenant data": posts to /t/<slug>/export and reads the streamed file line by line, so a large
 * tenant's download shows its progress, then hands the whole file to the browser as a download. The
 * passphrase (optional) includes the credentials, sealed under it.
 */
export function ExportTenantForm({ slug }: { slug: string }) {
  const [state, setState] = useState<State>({ phase: "idle" });

  async function exportTenant(form: HTMLFormElement) {
    setState({ phase: "running", received: 0, total: null });
    const response = await fetch(`/t/${encodeURIComponent(slug)}/export`, { method: "POST", body: new FormData(form) }).catch(() => null);
    if (!response || !response.ok || !response.body) {
      const message = response ? await response.text() : "The export could not start. Check your connection and try again.";
      return setState({ phase: "failed", message, field: response?.status === 400 });
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    const parts: string[] = [];
    let lines = 0;
    let total: number | null = null;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        const newLines = value.split("\n").length - 1;
        if (total === null && newLines > 0) total = totalLines(parts.join("").split("\n")[0]!);
        lines += newLines;
        setState({ phase: "running", received: lines, total });
      }
    } catch {
      return setState({ phase: "failed", message: "The export broke off before it ended. Try again.", field: false });
    }
    const file = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? `tenant-${slug}.jsonl`;
    const url = URL.createObjectURL(new Blob(parts, { type: "application/x-ndjson" }));
    const link = Object.assign(document.createElement("a"), { href: url, download: file });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    setState({ phase: "done", file });
  }

  const running = state.phase === "running";
  return (
    <form
      className="max-w-xl space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        void exportTenant(event.currentTarget);
      }}
    >
      <TextField
        label="Passphrase"
        name="passphrase"
        type="password"
        autoComplete="new-password"
        description="Optional. With a passphrase (at least 12 characters) the credentials are included, encrypted under it; you need it again to import them. Without one, they are left out."
        errors={state.phase === "failed" && state.field ? [state.message] : undefined}
      />
      <Button type="submit" disabled={running}>
        {running ? "Exporting…" : "Export tenant data"}
      </Button>
      {running && (
        <div>
          <p className="text-sm">
            {state.received.toLocaleString("en-US")} {state.total ? `of ${state.total.toLocaleString("en-US")} ` : ""}records received
          </p>
          <progress aria-label="Export progress" className="w-full" value={state.received} max={state.total ?? undefined} />
        </div>
      )}
      <LiveRegion>
        {state.phase === "done" && <SuccessMessage>Exported {state.file}.</SuccessMessage>}
        {state.phase === "failed" && !state.field && <ErrorMessage>{state.message}</ErrorMessage>}
      </LiveRegion>
    </form>
  );
}
