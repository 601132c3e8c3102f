"use client";

import { useId, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormCard } from "@/components/ui/form-card";
import { LiveRegion } from "@/components/ui/live-region";

type RowError = { line: number; message: string };
type ImportState =
  | { phase: "idle" }
  | { phase: "importing"; rows: number; expected: number }
  | { phase: "done"; rows: number }
  | { phase: "refused"; message: string; errors: RowError[]; badRows: number };

type Message = { type: "progress"; rows: number } | { type: "done"; rows: number } | { type: "refused"; message: string; badRows: number; errors: RowError[] };

/** Roughly how many rows a file holds (its lines but the header), for the progress bar's end. */
const expectedRows = async (file: File) => Math.max(1, (await file.text()).split("\n").filter((line) => line.trim() !== "").length - 1);

/**
 * "Import CSV": sends the file to the import route and reads its progress as it streams (a progress
 * bar of the rows read so far). All or nothing: a file with a bad row imports nothing, and each bad
 * row is listed with its line and what is wrong, so the file can be corrected and sent again.
 */
export function ImportCsvForm({ importPath }: { importPath: string }) {
  const router = useRouter();
  const fileId = useId();
  const progressId = useId();
  const [state, setState] = useState<ImportState>({ phase: "idle" });
  const busy = state.phase === "importing";

  async function importCsv(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const file = (new FormData(event.currentTarget).get("file") as File | null) ?? null;
    if (!file || file.size === 0) return setState({ phase: "refused", message: "Choose a CSV file to import.", errors: [], badRows: 0 });
    setState({ phase: "importing", rows: 0, expected: await expectedRows(file) });
    try {
      const response = await fetch(importPath, { method: "POST", body: file, headers: { "Content-Type": "text/csv" } });
      if (!response.ok || !response.body) {
        const reason = (await response.text().catch(() => "")).trim();
        return setState({ phase: "refused", message: reason || "The import could not start. Try again.", errors: [], badRows: 0 });
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = "";
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        buffered += next.value;
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        for (const line of lines.filter(Boolean)) {
          const message = JSON.parse(line) as Message;
          if (message.type === "progress") setState((previous) => (previous.phase === "importing" ? { ...previous, rows: message.rows } : previous));
          else if (message.type === "done") {
            setState({ phase: "done", rows: message.rows });
            router.refresh();
          } else setState({ phase: "refused", message: message.message, errors: message.errors, badRows: message.badRows });
        }
      }
    } catch {
      setState({ phase: "refused", message: "The import stopped before it finished; nothing was imported. Try again.", errors: [], badRows: 0 });
    }
  }

  return (
    <FormCard title="Import CSV">
      <p className="mt-1 text-sm text-slate-600">
        The first line names the columns. All or nothing: if any row does not fit its columns, no row is imported and every bad row is listed.
      </p>
      <form onSubmit={importCsv} className="mt-4 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={fileId} className="block text-sm font-medium">
            CSV file
          </label>
          <input id={fileId} name="file" type="file" accept=".csv,text/csv" className="mt-1 block text-sm" />
        </div>
        <Button type="submit" aria-disabled={busy || undefined} aria-busy={busy || undefined}>
          {busy ? "Importing…" : "Import CSV"}
        </Button>
      </form>
      {state.phase === "importing" && (
        <div className="mt-3">
          <label htmlFor={progressId} className="block text-sm text-slate-600">
            Import progress
          </label>
          <progress id={progressId} max={state.expected} value={Math.min(state.rows, state.expected)} className="w-64" />
        </div>
      )}
      <LiveRegion className="mt-3">
        {state.phase === "importing" && <p role="status">{`Importing… ${state.rows} rows read`}</p>}
        {state.phase === "done" && <p role="status">{`Imported ${state.rows} ${state.rows === 1 ? "row" : "rows"}.`}</p>}
        {state.phase === "refused" && (
          <div role="alert" className="text-red-700">
            <p>{state.message}</p>
            {state.errors.length > 0 && (
              <ul aria-label="Rows that cannot be imported" className="mt-2 list-disc pl-5 text-sm">
                {state.errors.map((error) => (
                  <li key={error.line}>{`Line ${error.line}: ${error.message}`}</li>
                ))}
              </ul>
            )}
            {state.badRows > state.errors.length && <p className="text-sm">{`…and ${state.badRows - state.errors.length} more.`}</p>}
          </div>
        )}
      </LiveRegion>
    </FormCard>
  );
}
