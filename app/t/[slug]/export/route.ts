// POST /t/<slug>/export (form: optional "passphrase"): the tenant data file (lib/tenant-export/format.ts)
// as a streamed download. Admins only (settings.manage), under the tenant's package IP allow-list;
// anyone else gets a 404 that says nothing of the tenant. Like the activity export: refused unless it
// comes from the app's own pages (a POST, because it writes an entry to the log), the entry and the
// first read share one transaction, and each batch of rows is read in its own short transaction that
// authorizes the caller again, so an export stops when the caller loses access meanwhile.
import { getActor } from "@/lib/actor";
import { appOrigin } from "@/lib/app-url";
import { clientIp } from "@/lib/client-ip";
import { readForm } from "@/lib/form-fields";
import { can } from "@/lib/permissions";
import { isSameOriginRequest } from "@/lib/same-origin";
import { ActionError } from "@/lib/actions/core";
import { IpRefusedError } from "@/lib/actions/ip-allow-check";
import { inTenantTransaction } from "@/lib/actions/tenant-transaction";
import { readRowBatch } from "@/db/queries/tenant-data";
import { readExportContent } from "@/lib/tenant-export/export-content";
import { ROW_BATCH_SIZE, tenantDataStream, type ExportContent } from "@/lib/tenant-export/export-stream";
import { MIN_PASSPHRASE_LENGTH } from "@/lib/tenant-export/passphrase-cipher";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string }> };

const PASSPHRASE_LENGTH = `Use a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters (and at most 1,000), or leave it empty to export without credentials.`;

export async function POST(request: Request, { params }: Context) {
  if (!isSameOriginRequest(request.headers, await appOrigin())) {
    return new Response("Refused: start the export from the tenant's settings.", { status: 403 });
  }
  const { slug } = await params;
  const actor = await getActor(slug);
  if (!actor || !can(actor, "settings.manage")) return new Response("Not found", { status: 404 });
  const form = await readForm(request);
  if (!form) return new Response("Send the passphrase as a form.", { status: 400 });
  const typed = form.get("passphrase");
  const passphrase = typeof typed === "string" && typed !== "" ? typed : null;
  if (passphrase !== null && (passphrase.length < MIN_PASSPHRASE_LENGTH || passphrase.length > 1000)) {
    return new Response(PASSPHRASE_LENGTH, { status: 400 });
  }

  const caller = { actor, ip: await clientIp() };
  const guard = { permission: "settings.manage", ipKind: "package", name: "tenant.export" } as const;
  let content: ExportContent;
  try {
    content = await inTenantTransaction(caller, guard, async ({ tx, record }) => {
      const read = await readExportContent(tx, actor.tenant.name, passphrase);
      await record({
        action: "tenant.exported",
        targetType: "tenant",
        targetId: actor.tenant.id,
        summary: `${actor.user.email} exported the tenant's data${passphrase ? " with its credentials (under a passphrase)" : ""}`,
        details: { flows: read.leading.filter((r) => r.kind === "flow").length, tables: read.tables.length, rows: read.rowCount, credentials: read.credentials.length },
      });
      return read;
    });
  } catch (error) {
    if (error instanceof IpRefusedError) return new Response(error.message, { status: 403 });
    if (error instanceof ActionError) return new Response("Not found", { status: 404 });
    throw error;
  }

  const readRows = (tableId: string, after: { createdAt: string; id: string } | null) =>
    inTenantTransaction(caller, guard, ({ tx }) => readRowBatch(tx, tableId, after, ROW_BATCH_SIZE)).catch((error: unknown) => {
      if (error instanceof ActionError) throw new Error("Access to the tenant ended during the export", { cause: error });
      throw error;
    });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(tenantDataStream(content, readRows), {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="tenant-${actor.tenant.slug}-${day}.jsonl"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
