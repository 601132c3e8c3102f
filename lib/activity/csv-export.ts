// The activity log as CSV, streamed: rows are read in keyset batches, each batch is written by
// csv-stringify (quoting commas, quotes and newlines) and handed to the response only when the client
// asks for more, so an export of a million rows holds one batch in memory, not the log.
import { stringify } from "csv-stringify/sync";
import { batchedCsvStream } from "@/lib/csv-stream";
import type { ActivityKey } from "@/db/queries/activity/keyset";
import type { ActivityRow } from "@/db/queries/activity/sql";

export const EXPORT_BATCH_SIZE = 1000;

const COLUMNS: { key: keyof ActivityRow; header: string }[] = [
  { key: "createdAt", header: "time_utc" },
  { key: "actorEmail", header: "actor_email" },
  { key: "actorUserId", header: "actor_user_id" },
  { key: "action", header: "action" },
  { key: "targetType", header: "target_type" },
  { key: "targetId", header: "target_id" },
  { key: "summary", header: "summary" },
  { key: "ip", header: "ip" },
  { key: "details", header: "details" },
  { key: "id", header: "entry_id" },
];

/**
 * Spreadsheet safety (CSV injection): a cell that starts with = + - @ or a tab / carriage return is
 * read as a formula by Excel and LibreOffice. Such cells get a leading apostrophe, which spreadsheets
 * show as text; the rest of the value is unchanged. Quoting is left to csv-stringify.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function toCsv(rows: ActivityRow[], withHeader: boolean): string {
  const records = rows.map((row) => ({ ...row, details: row.details ? JSON.stringify(row.details) : null }));
  return stringify(records, {
    header: withHeader,
    columns: COLUMNS,
    cast: { string: neutraliseFormula },
  });
}

/**
 * A byte stream of the CSV. `fetchBatch(after)` returns up to `batchSize` rows older than `after`
 * (the newest first when `after` is undefined); it is called only when the consumer has read what
 * came before (back-pressure).
 */
export function activityCsvStream(
  fetchBatch: (after: ActivityKey | undefined) => Promise<ActivityRow[]>,
  batchSize = EXPORT_BATCH_SIZE,
): ReadableStream<Uint8Array> {
  return batchedCsvStream<ActivityRow, ActivityKey>({
    fetchBatch,
    keyOf: (last) => ({ direction: "older", createdAt: last.createdAt, id: last.id }),
    toCsv,
    batchSize,
  });
}
