// The access review as CSV, streamed: members are read in batches (A to Z by address, each batch after
// the last address of the one before), written by csv-stringify, and handed to the response only when
// the client asks for more, so a tenant of 20,000 members is never held in memory at once.
import { stringify } from "csv-stringify/sync";
import type { AccessReviewRow } from "@/db/queries/access-review";
import { neutraliseFormula } from "@/lib/activity/csv-export";
import { permissionsOfRoles, rolesLabel } from "@/lib/permissions";

export const ACCESS_EXPORT_BATCH_SIZE = 1000;

const HEADERS = ["email", "name", "status", "groups", "permissions", "two_factor", "last_sign_in_utc", "last_activity_utc", "joined_utc", "membership_id"];

const iso = (date: Date | null) => (date ? date.toISOString() : "");

/** One member as a CSV record: groups by their names, permissions in the catalog's order, space-separated. */
export function accessCsvRecord(row: AccessReviewRow): string[] {
  return [
    row.email,
    row.name ?? "",
    row.status,
    rolesLabel(row.roles),
    permissionsOfRoles(row.roles).join(" "),
    row.twoFactor === null ? "" : row.twoFactor ? "on" : "off",
    iso(row.lastSignInAt),
    iso(row.lastActivityAt),
    iso(row.joinedAt),
    row.membershipId,
  ];
}

function toCsv(rows: AccessReviewRow[], withHeader: boolean): string {
  const records = rows.map(accessCsvRecord);
  return stringify(withHeader ? [HEADERS, ...records] : records, { cast: { string: neutraliseFormula } });
}

/**
 * A byte stream of the CSV. `fetchBatch(after)` returns up to `batchSize` members whose address comes
 * after `after` (from the first when undefined); it is called from `pull`, i.e. only when the consumer
 * has read what came before (back-pressure).
 */
export function accessReviewCsvStream(
  fetchBatch: (after: string | undefined) => Promise<AccessReviewRow[]>,
  batchSize = ACCESS_EXPORT_BATCH_SIZE,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: string | undefined;
  let first = true;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const rows = await fetchBatch(after);
        controller.enqueue(encoder.encode(toCsv(rows, first)));
        first = false;
        const last = rows.at(-1);
        if (rows.length < batchSize || !last) controller.close();
        else after = last.email;
      },
    },
    { highWaterMark: 1 },
  );
}
