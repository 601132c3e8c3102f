// The activity log's keyset cursor: the (created_at, id) of the row a page continues from, and the
// direction, as base64url JSON. It is opaque to users but not trusted: anything that does not parse
// back into a well-formed cursor is ignored (the first page), never an error.
import { z } from "zod";
import { isStorableDay } from "@/lib/storable-dates";

export type CursorDirection = "older" | "newer";

export interface ActivityCursor {
  /** "older": rows strictly older than the key; "newer": rows strictly newer. */
  direction: CursorDirection;
  /** created_at in UTC with microseconds (JavaScript dates hold only milliseconds). */
  createdAt: string;
  id: string;
}

// to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), see exactTime in db/queries/activity/sql.ts.
const MICROSECOND_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const isRealInstant = (value: string) => {
  const date = new Date(value);
  // Date accepts "02-30" and rolls it over; PostgreSQL would reject it, so require a round trip.
  // Years outside 1900..9999 (JavaScript has a year 0000, PostgreSQL does not) are refused too.
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 23) === value.slice(0, 23) && isStorableDay(value.slice(0, 10));
};

const CursorSchema = z.object({
  d: z.enum(["older", "newer"]),
  t: z.string().regex(MICROSECOND_TIMESTAMP).refine(isRealInstant),
  i: z.uuid(),
});

export function encodeCursor(cursor: ActivityCursor): string {
  const payload = { d: cursor.direction, t: cursor.createdAt, i: cursor.id };
  return Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
}

/** The cursor in a URL, or undefined when it is missing or not one we could have written. */
export function decodeCursor(value: string | undefined): ActivityCursor | undefined {
  if (!value || value.length > 300) return undefined;
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? { direction: parsed.data.d, createdAt: parsed.data.t, id: parsed.data.i } : undefined;
  } catch {
    return undefined;
  }
}
