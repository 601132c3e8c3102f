// The tenant data file as a stream: records are produced as the reader asks for them (a table's rows
// one batch at a time, each batch read when the previous one has been sent), and the SHA-256 of
// everything sent is written as the last line. A large tenant is never held in memory.
import { createHash } from "node:crypto";
import type { DataColumn, DataRowValues } from "@/db/schema/data-tables";
import { FORMAT_NAME, FORMAT_VERSION, line, type DataRecord, type Header, type RecordOf } from "./format";
import type { PassphraseKdf } from "./passphrase-cipher";

export const ROW_BATCH_SIZE = 500;

export interface ExportContent {
  tenantName: string;
  /** Settings, domains, IP allow-lists, groups, flows and their versions, packages: read in the first transaction. */
  leading: DataRecord[];
  tables: { id: string; name: string; columns: DataColumn[] }[];
  rowCount: number;
  credentials: RecordOf<"credential">[];
  kdf: PassphraseKdf | null;
}

export type RowBatchReader = (
  tableId: string,
  after: { createdAt: string; id: string } | null,
) => Promise<{ id: string; createdAt: string; values: DataRowValues }[]>;

export function exportHeader(content: ExportContent, exportedAt: Date): Header {
  const counts: Header["counts"] = { table: content.tables.length, row: content.rowCount, credential: content.credentials.length };
  for (const record of content.leading) counts[record.kind] = (counts[record.kind] ?? 0) + 1;
  return { format: FORMAT_NAME, version: FORMAT_VERSION, exportedAt: exportedAt.toISOString(), tenant: { name: content.tenantName }, counts, credentials: content.kdf };
}

async function* records(content: ExportContent, readRows: RowBatchReader): AsyncGenerator<unknown> {
  yield* content.leading;
  for (const table of content.tables) {
    yield { kind: "table", name: table.name, columns: table.columns } satisfies RecordOf<"table">;
    let after: { createdAt: string; id: string } | null = null;
    for (;;) {
      const batch = await readRows(table.id, after);
      for (const row of batch) yield { kind: "row", table: table.name, createdAt: row.createdAt, values: row.values } satisfies RecordOf<"row">;
      if (batch.length < ROW_BATCH_SIZE) break;
      const last = batch[batch.length - 1]!;
      after = { createdAt: last.createdAt, id: last.id };
    }
  }
  yield* content.credentials;
}

export function tenantDataStream(content: ExportContent, readRows: RowBatchReader, exportedAt = new Date()): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const hash = createHash("sha256");
  const source = records(content, readRows);
  let headerSent = false;
  const send = (controller: ReadableStreamDefaultController<Uint8Array>, value: unknown) => {
    const text = line(value);
    hash.update(text, "utf8");
    controller.enqueue(encoder.encode(text));
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        return send(controller, exportHeader(content, exportedAt));
      }
      const next = await source.next();
      if (!next.done) return send(controller, next.value);
      controller.enqueue(encoder.encode(line({ kind: "checksum", algorithm: "sha256", value: hash.digest("hex") })));
      controller.close();
    },
    async cancel() {
      await source.return(undefined);
    },
  });
}
