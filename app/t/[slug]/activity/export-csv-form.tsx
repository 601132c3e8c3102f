"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { LiveRegion } from "@/components/ui/live-region";

// Sizes as people read them ("12.3 kB"), by Intl rather than by hand.
const KILOBYTES = new Intl.NumberFormat("en", { style: "unit", unit: "kilobyte", maximumFractionDigits: 1 });
const sizeOf = (bytes: number) => KILOBYTES.format(bytes / 1000);

type ExportState =
  | { phase: "idle" }
  | { phase: "streaming"; bytes: number }
  | { phase: "done"; filename: string; bytes: number }
  | { phase: "failed"; message: string };

/** The file name the server gave the download (Content-Disposition), or a plain default. */
function filenameOf(response: Response): string {
  const disposition = response.headers.get("Content-Disposition") ?? "";
  return /filename="([^"]+)"/.exec(disposition)?.[1] ?? "activity.csv";
}

/** Hands a finished file to the browser's downloads, as the attachment itself would have been. */
function saveFile(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start reading the file before it is let go.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * "Export CSV": POSTs the filters to the export route (a POST because the export writes an entry to
 * the log) and reads the CSV as it streams, saying how much has arrived so far; then saves it as a
 * download. The button keeps its name and focus while busy (aria-busy, aria-disabled), and a refusal
 * or a broken-off stream is said beside it instead of a half file.
 */
export function ExportCsvForm({
  exportPath,
  filters,
  unavailable,
  unavailableId,
}: {
  exportPath: string;
  /** The active filters, sent as form fields. */
  filters: [name: string, value: string][];
  /** Why the tenant's license does not include CSV export, or null when it does. */
  unavailable: string | null;
  unavailableId: string;
}) {
  const [state, setState] = useState<ExportState>({ phase: "idle" });
  const busy = state.phase === "streaming";

  async function exportCsv(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const body = new FormData(event.currentTarget);
    setState({ phase: "streaming", bytes: 0 });
    try {
      const response = await fetch(exportPath, { method: "POST", body });
      if (!response.ok || !response.body) {
        const reason = (await response.text().catch(() => "")).trim();
        return setState({ phase: "failed", message: reason || "The export could not start. Try again." });
      }
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let bytes = 0;
      const reader = response.body.getReader();
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        chunks.push(next.value);
        bytes += next.value.byteLength;
        setState({ phase: "streaming", bytes });
      }
      const filename = filenameOf(response);
      saveFile(new Blob(chunks, { type: "text/csv;charset=utf-8" }), filename);
      setState({ phase: "done", filename, bytes });
    } catch {
      setState({ phase: "failed", message: "The export stopped before it finished, so nothing was saved. Try again." });
    }
  }

  return (
    <div className="flex flex-wrap items-center justify-end gap-3">
      <LiveRegion className="text-slate-700">
        {state.phase === "streaming" && (
          <span role="status">{state.bytes === 0 ? "Exporting…" : `Exporting… ${sizeOf(state.bytes)} so far`}</span>
        )}
        {state.phase === "done" && <span role="status">{`Exported ${state.filename} (${sizeOf(state.bytes)}).`}</span>}
        {state.phase === "failed" && (
          <span role="alert" className="text-red-700">
            {state.message}
          </span>
        )}
      </LiveRegion>
      <form method="post" action={exportPath} onSubmit={exportCsv}>
        {filters.map(([name, value]) => (
          <input key={`${name}=${value}`} type="hidden" name={name} value={value} />
        ))}
        <Button
          type="submit"
          variant="secondary"
          disabled={unavailable !== null}
          aria-disabled={busy || undefined}
          aria-busy={busy || undefined}
          aria-describedby={unavailable ? unavailableId : undefined}
        >
          Export CSV
        </Button>
      </form>
    </div>
  );
}
