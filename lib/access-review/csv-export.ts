// The access review as CSV, streamed: members are read in batches (A to Z by address, each batch after
// the last address of the one before), written by csv-stringify, and handed to the response only when
// the client asks for more, so a tenant of 20,000 members is never held in memory at once.
import { stringify } from "csv-stringify/sync";
import { batchedCsvStream } from "@/lib/csv-stream";
import type { AccessReviewRow } from "@/db/queries/access-review";
import { neutraliseFormula } from "@/lib/activity/csv-export";
import { memberAccess, narrowedLabel } from "./member-access";

export const ACCESS_EXPORT_BATCH_SIZE = 1000;

const HEADERS = ["email", "name", "status", "groups", "permissions", "flow_scoped_permissions", "two_factor", "last_sign_in_utc", "last_activity_utc", "joined_utc", "membership_id"];

const iso = (date: Date | null) => (date ? date.toISOString() : "");

/**
 * One member as a CSV record: groups by their names, permissions in the catalog's order, space-separated;
 * then those held only for particular flows, e.g. "flows.write (2 flows): Checksums, Nightly sync" (";" between permissions).
 */
export function accessCsvRecord(row: AccessReviewRow): string[] {
  const { groups, permissions, narrowed } = memberAccess(row);
  return [
    row.email,
    row.name ?? "",
    row.status,
    groups,
    permissions.join(" "),
    narrowed.map((scope) => `${narrowedLabel(scope)}: ${scope.flows.join(", ")}`).join("; "),
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
 * after `after` (from the first when undefined), only when the consumer has read what came before.
 */
export function accessReviewCsvStream(
  fetchBatch: (after: string | undefined) => Promise<AccessReviewRow[]>,
  batchSize = ACCESS_EXPORT_BATCH_SIZE,
): ReadableStream<Uint8Array> {
  return batchedCsvStream<AccessReviewRow, string>({ fetchBatch, keyOf: (last) => last.email, toCsv, batchSize });
}
