// POST /t/<slug>/tables/<tableId>/import (the CSV file as the request body): imports the file into
// the table in one transaction through the tenant write core (authorized again in it, the table
// locked against deletion and other row writers, one log entry), answering with a stream of
// newline-delimited JSON: {"type":"progress","rows":n} as rows are read, then {"type":"done",…} or
// {"type":"refused",…} with each bad row's line and message (lib/data-tables/csv-import.ts: all or
// nothing). Requests not from the app's own pages are refused (403) before anything is read; a
// caller without tables.write, or a table of another tenant, is a 404.
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { findDataTable } from "@/db/queries/data-tables";
import { ActionError } from "@/lib/actions/core";
import { IpRefusedError } from "@/lib/actions/ip-allow-check";
import { inTenantTransaction } from "@/lib/actions/tenant-transaction";
import { getActor } from "@/lib/actor";
import { appOrigin } from "@/lib/app-url";
import { clientIp } from "@/lib/client-ip";
import { ImportRefusedError, importCsv } from "@/lib/data-tables/csv-import";
import { rowLimitMessage, rowsAllowed } from "@/lib/data-tables/limits";
import { isUuid } from "@/lib/ids";
import { can } from "@/lib/permissions";
import { isSameOriginRequest } from "@/lib/same-origin";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string; tableId: string }> };

export async function POST(request: Request, { params }: Context) {
  if (!isSameOriginRequest(request.headers, await appOrigin())) return new Response("Refused: import from the table's page.", { status: 403 });
  const { slug, tableId } = await params;
  const actor = await getActor(slug);
  if (!actor || !can(actor, "tables.write") || !isUuid(tableId) || !request.body) return new Response("Not found", { status: 404 });
  const caller = { actor, ip: await clientIp() };
  const body = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
  const encoder = new TextEncoder();

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (message: object) => controller.enqueue(encoder.encode(`${JSON.stringify(message)}\n`));
      try {
        // The tenant row stays locked until commit: the license's row limit counts every table's rows.
        const options = { permission: "tables.write", name: "data_table.import", lockTenant: true, writes: true } as const;
        const imported = await inTenantTransaction(caller, options, async ({ tx, record, tenant }) => {
          const table = await findDataTable(tx, tableId, { lock: "no key update" });
          if (!table) throw new ActionError("NOT_FOUND", "This table no longer exists.");
          const allowance = { rows: await rowsAllowed(tx, tenant.license), message: rowLimitMessage(tenant.license) };
          const rows = await importCsv(tx, table, body, (read) => send({ type: "progress", rows: read }), allowance);
          await record({
            action: "data_table.rows_imported",
            targetType: "data_table",
            targetId: table.id,
            summary: `${actor.user.email} imported ${rows} rows into the table ${table.name}`,
            details: { rows },
          });
          return rows;
        });
        send({ type: "done", rows: imported });
      } catch (error) {
        if (error instanceof ImportRefusedError) send({ type: "refused", message: error.message, badRows: error.badRows, errors: error.rowErrors });
        else if (error instanceof ActionError || error instanceof IpRefusedError) send({ type: "refused", message: error.message, badRows: 0, errors: [] });
        else {
          console.error("CSV import failed", error);
          send({ type: "refused", message: "The import failed; nothing was imported. Try again.", badRows: 0, errors: [] });
        }
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });
}
