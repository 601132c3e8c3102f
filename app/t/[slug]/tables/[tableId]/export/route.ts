// POST /t/<slug>/tables/<tableId>/export: the table's rows as a CSV download, in the order they were
// added. A POST, like the activity export, because it writes an entry to the log (a GET would let
// another site's link make a member's browser export). Requests not from the app's own pages are
// refused (403) before anything is read; a caller without tables.read, or a table of another tenant,
// is a 404. The entry and the first batch share one transaction; each later batch is its own short
// transaction, authorized again, so an export whose caller lost access meanwhile stops.
import { findDataTable } from "@/db/queries/data-tables";
import { listRows } from "@/db/queries/data-table-row-page";
import type { TenantTx } from "@/db/scopes";
import { ActionError } from "@/lib/actions/core";
import { IpRefusedError } from "@/lib/actions/ip-allow-check";
import { inTenantTransaction } from "@/lib/actions/tenant-transaction";
import { getActor } from "@/lib/actor";
import { appOrigin } from "@/lib/app-url";
import { clientIp } from "@/lib/client-ip";
import { dataTableCsvStream, TABLE_EXPORT_BATCH_SIZE } from "@/lib/data-tables/csv-export";
import { isUuid } from "@/lib/ids";
import { can } from "@/lib/permissions";
import { isSameOriginRequest } from "@/lib/same-origin";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string; tableId: string }> };

/** Up to a batch of the table's rows after `afterSeq`, in the order they were added. */
async function exportBatch(tx: TenantTx, tableId: string, afterSeq: number | undefined) {
  const cursor = afterSeq === undefined ? null : { way: "after" as const, key: null, seq: afterSeq };
  const page = await listRows(tx, tableId, { sortPosition: null, dir: "asc", filter: null, words: [], cursor, size: TABLE_EXPORT_BATCH_SIZE });
  return page.rows;
}

export async function POST(request: Request, { params }: Context) {
  if (!isSameOriginRequest(request.headers, await appOrigin())) return new Response("Refused: export from the table's page.", { status: 403 });
  const { slug, tableId } = await params;
  const actor = await getActor(slug);
  if (!actor || !can(actor, "tables.read") || !isUuid(tableId)) return new Response("Not found", { status: 404 });
  const caller = { actor, ip: await clientIp() };
  let first;
  try {
    first = await inTenantTransaction(caller, { permission: "tables.read", name: "data_table.export" }, async ({ tx, record }) => {
      const table = await findDataTable(tx, tableId);
      if (!table) return null;
      await record({
        action: "data_table.exported",
        targetType: "data_table",
        targetId: table.id,
        summary: `${actor.user.email} exported the table ${table.name} as CSV`,
        details: { rows: table.rowCount },
      });
      return { table, rows: await exportBatch(tx, table.id, undefined) };
    });
  } catch (error) {
    if (error instanceof IpRefusedError) return new Response(error.message, { status: 403 });
    if (error instanceof ActionError) return new Response("Not found", { status: 404 });
    throw error;
  }
  if (!first) return new Response("Not found", { status: 404 });
  const { table, rows } = first;
  const nextBatch = (afterSeq: number) => inTenantTransaction(caller, { permission: "tables.read" }, ({ tx }) => exportBatch(tx, table.id, afterSeq));
  const stream = dataTableCsvStream(table.columns, (afterSeq) => (afterSeq === undefined ? Promise.resolve(rows) : nextBatch(afterSeq)));
  // A header holds Latin-1 only: an ASCII name, and the real one in filename* (RFC 6266).
  const filename = `${table.name.replace(/[^A-Za-z0-9_-]+/g, "-").slice(0, 60) || "table"}.csv`;
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(`${table.name}.csv`)}`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
