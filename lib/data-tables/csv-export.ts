// A data table as CSV, streamed: rows read in batches in the order they were added (keyset on seq),
// each batch written by csv-stringify and handed on only when the client asks for more. The header
// is the columns' names; numbers and booleans as text, empty values as empty cells. A text cell (or
// a column name) that a spreadsheet would read as a formula gets the activity export's leading
// apostrophe; numbers, dates and booleans are left as they are, so "-5" imports back as -5.
import { stringify } from "csv-stringify/sync";
import type { DataColumn, DataRowValues } from "@/db/schema/data-tables";
import { neutraliseFormula } from "@/lib/activity/csv-export";
import { valueKeyOf } from "./column-rules";

export const TABLE_EXPORT_BATCH_SIZE = 1000;

function cell(column: DataColumn, value: DataRowValues[string] | undefined): string {
  if (value === null || value === undefined) return "";
  return column.type === "text" ? neutraliseFormula(String(value)) : String(value);
}

function toCsv(columns: readonly DataColumn[], rows: { values: DataRowValues }[], withHeader: boolean): string {
  const records = rows.map((row) => columns.map((column) => cell(column, row.values[valueKeyOf(column)])));
  if (withHeader) records.unshift(columns.map((column) => neutraliseFormula(column.name)));
  return stringify(records);
}

/** The CSV's bytes; `fetchBatch(afterSeq)` gives up to `batchSize` rows after that seq (from the first when undefined). */
export function dataTableCsvStream(
  columns: readonly DataColumn[],
  fetchBatch: (afterSeq: number | undefined) => Promise<{ seq: number; values: DataRowValues }[]>,
  batchSize = TABLE_EXPORT_BATCH_SIZE,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: number | undefined;
  let first = true;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const rows = await fetchBatch(after);
        controller.enqueue(encoder.encode(toCsv(columns, rows, first)));
        first = false;
        const last = rows.at(-1);
        if (rows.length < batchSize || !last) controller.close();
        else after = last.seq;
      },
    },
    { highWaterMark: 1 },
  );
}
