// Reading an uploaded tenant data file: the checksum first (a changed or cut-off file is refused before
// any of it is believed), then the version, then every record's shape. Any failure is one message for
// the upload field, and nothing is written.
import { createHash } from "node:crypto";
import { DataRecord, FORMAT_NAME, Header, READABLE_VERSIONS, Trailer, VERSION_1_KINDS, VERSION_2_KINDS, VERSION_3_KINDS } from "./format";

export const NOT_A_DATA_FILE = "This is not a Tenantry tenant data file (export one from Settings, Export and import).";
export const CHECKSUM_MISMATCH = "The file's checksum does not match: it was changed or is incomplete. Nothing was imported.";

export type ReadFile = { ok: true; header: Header; records: DataRecord[] } | { ok: false; message: string };

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function readDataFile(text: string): ReadFile {
  if (!text.endsWith("\n")) return { ok: false, message: text.trim() ? CHECKSUM_MISMATCH : NOT_A_DATA_FILE };
  const withoutLastNewline = text.slice(0, -1);
  const trailerStart = withoutLastNewline.lastIndexOf("\n") + 1;
  const trailer = Trailer.safeParse(parseJson(withoutLastNewline.slice(trailerStart)));
  const lines = text.slice(0, trailerStart).split("\n").slice(0, -1);
  const header = Header.safeParse(parseJson(lines[0] ?? ""));
  // A file of another program says so; one of ours that was cut short or changed fails its checksum.
  const ours = header.success || (parseJson(lines[0] ?? "") as { format?: unknown } | undefined)?.format === FORMAT_NAME;
  if (!trailer.success) return { ok: false, message: ours ? CHECKSUM_MISMATCH : NOT_A_DATA_FILE };
  const actual = createHash("sha256").update(text.slice(0, trailerStart), "utf8").digest("hex");
  if (actual !== trailer.data.value) return { ok: false, message: CHECKSUM_MISMATCH };
  if (!header.success) {
    const version = (parseJson(lines[0] ?? "") as { version?: unknown } | undefined)?.version;
    if (ours && typeof version === "number" && !READABLE_VERSIONS.includes(version)) return { ok: false, message: versionMessage(version) };
    return { ok: false, message: NOT_A_DATA_FILE };
  }
  if (!READABLE_VERSIONS.includes(header.data.version)) return { ok: false, message: versionMessage(header.data.version) };
  const records: DataRecord[] = [];
  for (const [index, recordLine] of lines.slice(1).entries()) {
    const record = DataRecord.safeParse(parseJson(recordLine));
    if (!record.success || !fitsVersion(record.data, header.data.version)) {
      return { ok: false, message: `Line ${index + 2} of the file is not a record this console understands. Nothing was imported.` };
    }
    records.push(record.data);
  }
  return { ok: true, header: header.data, records };
}

/**
 * A version 1 file holds only its own kinds, and flows without ids; from version 2 a flow names its
 * environment and id; version 2 holds no version 3 kinds (connections, template customisations), and
 * version 3 no version 4 kinds (dashboards, table template customisations).
 */
function fitsVersion(record: DataRecord, version: number): boolean {
  if (version === 1) return VERSION_1_KINDS.includes(record.kind) && (record.kind !== "flow" || (record.id === undefined && record.environment === undefined));
  if (version === 2 && !VERSION_2_KINDS.includes(record.kind)) return false;
  if (version === 3 && !VERSION_3_KINDS.includes(record.kind)) return false;
  return record.kind !== "flow" || (record.id !== undefined && record.environment !== undefined);
}

const versionMessage = (version: number) =>
  `This file is format version ${version}; this console reads versions ${READABLE_VERSIONS.slice(0, -1).join(", ")} and ${READABLE_VERSIONS.at(-1)}. Export it again from a console of the same version.`;
