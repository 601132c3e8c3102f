// A CSV file into a data table: parsed as it arrives (csv-parse), each record checked against the
// table's columns like a row typed into the form, good rows written in batches inside the import's
// one transaction. All or nothing: one bad row (or a header naming no column) refuses the whole
// import, and the transaction rolls back every batch already written; the refusal lists each bad
// row's line and what is wrong with it (the first MAX_REPORTED_ERRORS). The header row names the
// columns (in any order, any case); a column the file leaves out is empty in every row.
import { parse } from "csv-parse";
import { Readable } from "node:stream";
import { insertRows } from "@/db/queries/data-tables";
import type { TenantTx } from "@/db/scopes";
import type { DataColumn, DataRowValues } from "@/db/schema/data-tables";
import { isRemovedColumn } from "./column-rules";
import { parseRowValues, valueField } from "./row-values";

export const IMPORT_BATCH_SIZE = 1000;
export const MAX_REPORTED_ERRORS = 100;
/** The most rows one file may hold (the license's row limit applies besides). */
export const MAX_IMPORT_ROWS = 200_000;
/** Progress is reported every this many rows. */
export const PROGRESS_EVERY = 1000;

export interface ImportRowError {
  /** The line of the file the record ends on (the header is line 1; a quoted value may span lines). */
  line: number;
  message: string;
}

export class ImportRefusedError extends Error {
  constructor(
    message: string,
    readonly rowErrors: ImportRowError[] = [],
    readonly badRows = rowErrors.length,
  ) {
    super(message);
  }
}

/**
 * Header names to column positions; a header the table has no column for refuses the file. A label
 * that a removed template column shares with a live one (a template column renamed to the label of an
 * extra column the tenant gave up, a column retyped) names the live column: the one the page shows.
 */
function headerPositions(columns: readonly DataColumn[], header: string[]): number[] {
  const byName = new Map<string, number>();
  columns.forEach((column, index) => {
    const name = column.name.trim().toLowerCase();
    const taken = byName.get(name);
    // A live column takes the label from a removed one, never the other way round.
    if (taken === undefined || !isRemovedColumn(column) || isRemovedColumn(columns[taken]!)) byName.set(name, index);
  });
  const positions = header.map((name) => byName.get(name.trim().toLowerCase()) ?? -1);
  const unknown = header.filter((_, index) => positions[index] === -1);
  if (unknown.length) throw new ImportRefusedError(`The file's header names columns this table does not have: ${unknown.slice(0, 5).join(", ")}. Its columns are: ${columns.map((column) => column.name).join(", ")}.`);
  if (new Set(positions).size !== positions.length) throw new ImportRefusedError("The file's header names a column twice.");
  return positions;
}

/**
 * Imports the CSV in `source` into `table` inside `tx`; the number of rows written. Throws
 * ImportRefusedError (after reading the whole file, so every bad row is counted) when a row is bad:
 * the caller's transaction must then roll back, which takes the written batches with it.
 */
export async function importCsv(
  tx: TenantTx,
  table: { id: string; columns: DataColumn[] },
  source: Readable | AsyncIterable<Buffer | string>,
  onProgress: (rows: number) => void = () => {},
  /** The rows the license still allows, and the refusal when the file holds more. */
  allowance: { rows: number; message: string } = { rows: Infinity, message: "" },
) {
  // A record with too many or too few values is a bad row (reported), not a broken file.
  const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true, max_record_size: 64 * 1024, info: true });
  const input = Readable.from(source);
  input.on("error", (error) => parser.destroy(error));
  input.pipe(parser);

  let positions: number[] | null = null;
  let batch: DataRowValues[] = [];
  let rows = 0;
  let written = 0;
  const rowErrors: ImportRowError[] = [];
  let badRows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!positions) {
        positions = headerPositions(table.columns, record);
        continue;
      }
      rows++;
      if (rows > allowance.rows) throw new ImportRefusedError(`${allowance.message} The file holds more rows than the ${allowance.rows.toLocaleString("en")} still allowed; nothing was imported.`);
      if (rows > MAX_IMPORT_ROWS) throw new ImportRefusedError(`A file may hold at most ${MAX_IMPORT_ROWS.toLocaleString("en")} rows; split it and import the parts.`);
      if (record.length !== positions.length) {
        badRows++;
        if (rowErrors.length < MAX_REPORTED_ERRORS) rowErrors.push({ line: info.lines, message: `The row has ${record.length} values; the header names ${positions.length} columns.` });
        continue;
      }
      const fields: Record<string, string> = {};
      record.forEach((value, index) => (fields[valueField(positions![index]!)] = value));
      const parsed = parseRowValues(table.columns, fields);
      if (!parsed.ok) {
        badRows++;
        if (rowErrors.length < MAX_REPORTED_ERRORS) {
          const messages = Object.entries(parsed.fieldErrors).map(([field, fieldMessages]) => `${table.columns[Number(field.slice(1))]!.name}: ${fieldMessages?.[0] ?? ""}`);
          rowErrors.push({ line: info.lines, message: messages.join(" ") });
        }
      } else if (badRows === 0) {
        // Once a row is bad nothing will be kept: the rest is only checked.
        batch.push(parsed.values);
        if (batch.length === IMPORT_BATCH_SIZE) {
          written += (await insertRows(tx, table, batch)).length;
          batch = [];
        }
      }
      if (rows % PROGRESS_EVERY === 0) onProgress(rows);
    }
  } catch (error) {
    if (error instanceof ImportRefusedError) throw error;
    const code = (error as { code?: string }).code;
    if (typeof code === "string" && code.startsWith("CSV_")) throw new ImportRefusedError(`The file is not valid CSV: ${(error as Error).message}`);
    throw error;
  }
  if (!positions) throw new ImportRefusedError("The file is empty: it needs a header row naming the columns, then the rows.");
  if (badRows > 0) throw new ImportRefusedError(`${badRows} of ${rows} rows cannot be imported, so none were. Correct them and import the file again.`, rowErrors, badRows);
  written += (await insertRows(tx, table, batch)).length;
  onProgress(rows);
  return written;
}
