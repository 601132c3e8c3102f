import Link from "next/link";
import type { FlowRunLogEntry } from "@/db/schema";
import { EmptyState } from "@/components/ui/empty-state";
import { stepLabel } from "@/lib/flows/steps";
import { formatDateTime, formatDuration } from "@/lib/format";
import { RunStatusBadge } from "../run-status-badge";

export interface RunRow {
  id: string;
  status: string;
  log: FlowRunLogEntry[];
  durationMs: number | null;
  startedAt: Date;
  triggeredByEmail: string | null;
}

/** A flow's runs, newest first: who, when, status, duration, and each step's log on demand. */
export function RunsList({ runs, olderHref, newestHref }: { runs: RunRow[]; olderHref: string | null; newestHref: string | null }) {
  return (
    <section aria-labelledby="runs-heading" className="mt-10">
      <h2 id="runs-heading" className="text-lg font-semibold">
        Runs
      </h2>
      {runs.length === 0 ? (
        <div className="mt-3">
          <EmptyState title="No runs yet">Run the flow to see what each step does.</EmptyState>
        </div>
      ) : (
        <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table aria-label="Runs" className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3">Started</th>
                <th scope="col" className="px-4 py-3">By</th>
                <th scope="col" className="px-4 py-3">Status</th>
                <th scope="col" className="px-4 py-3">Duration</th>
                <th scope="col" className="px-4 py-3">Steps</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {runs.map((run) => (
                <tr key={run.id} className="align-top">
                  <td className="px-4 py-3 whitespace-nowrap">
                    <time dateTime={run.startedAt.toISOString()}>{formatDateTime(run.startedAt)}</time>
                  </td>
                  <td className="px-4 py-3">{run.triggeredByEmail ?? "Deleted account"}</td>
                  <td className="px-4 py-3">
                    <RunStatusBadge status={run.status} />
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap">{formatDuration(run.durationMs)}</td>
                  <td className="px-4 py-3">
                    <details>
                      <summary className="cursor-pointer text-blue-800">Step log ({run.log.length})</summary>
                      <ol className="mt-2 list-decimal space-y-1 pl-5">
                        {run.log.map((entry, index) => (
                          <li key={index}>
                            <span className="font-medium">{stepLabel(entry.step)}</span>:{" "}
                            <RunStatusBadge status={entry.status} /> <span className="text-slate-700">{entry.output}</span>
                          </li>
                        ))}
                      </ol>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(olderHref || newestHref) && (
        <nav aria-label="Runs pages" className="mt-3 flex gap-4 text-sm">
          {newestHref && (
            <Link href={newestHref} className="text-blue-800 underline">
              Newest runs
            </Link>
          )}
          {olderHref && (
            <Link href={olderHref} className="text-blue-800 underline">
              Older runs
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}
