// A CSV download streamed in batches: each batch is read only when the client asks for more
// (back-pressure) and written to bytes by the caller's CSV writer (csv-stringify), so an export holds
// one batch in memory, not the whole table. Shared by the activity export and the access review's.

/**
 * `fetchBatch(after)` returns up to `batchSize` rows following the row whose key is `after` (from
 * the start when undefined); `keyOf` names a row's key; `toCsv(rows, withHeader)` writes a batch.
 */
export function batchedCsvStream<Row, Key>(options: {
  fetchBatch: (after: Key | undefined) => Promise<Row[]>;
  keyOf: (row: Row) => Key;
  toCsv: (rows: Row[], withHeader: boolean) => string;
  batchSize: number;
}): ReadableStream<Uint8Array> {
  const { fetchBatch, keyOf, toCsv, batchSize } = options;
  const encoder = new TextEncoder();
  let after: Key | undefined;
  let first = true;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const rows = await fetchBatch(after);
        controller.enqueue(encoder.encode(toCsv(rows, first)));
        first = false;
        const last = rows.at(-1);
        if (rows.length < batchSize || last === undefined) controller.close();
        else after = keyOf(last);
      },
    },
    // One chunk (one batch) buffered ahead at most.
    // Stryker disable next-line ObjectLiteral: equivalent, 1 is also the default; kept to say so
    { highWaterMark: 1 },
  );
}
