// The runs list's keyset cursor in the URL (?after=…): the last shown run's start time and id.
// Anything malformed (month 13 included) means "from the newest run", never an error.
import type { RunCursor } from "@/db/queries/flows";
import { isUuid } from "@/lib/ids";
import { isRealTimestamp } from "@/lib/storable-dates";

export const encodeRunCursor = (cursor: RunCursor) => Buffer.from(JSON.stringify([cursor.startedAt, cursor.id])).toString("base64url");

export function decodeRunCursor(value: string | undefined): RunCursor | undefined {
  if (!value) return undefined;
  try {
    const [startedAt, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as unknown[];
    return typeof startedAt === "string" && isRealTimestamp(startedAt) && isUuid(id) ? { startedAt, id } : undefined;
  } catch {
    return undefined;
  }
}
