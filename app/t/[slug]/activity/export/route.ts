// POST /t/<slug>/activity/export (the filters in the form body): the filtered log as a CSV download.
// It is a POST because it writes an entry. A GET carries the SameSite=Lax session cookie on another
// site's link, so that site could make a member's browser export and add entries to the log.
// Requests that do not come from the app's own pages are refused (403) before anything is read or
// written. Authorized like the page (session -> membership from the slug -> "activity.read"; anything
// else is a 404 that does not say whether the tenant exists). The export itself is recorded in the
// log in the transaction that reads the first rows, and every later batch checks the caller's access
// again in its own transaction, so an export that is still streaming stops (the download fails) when the caller is
// removed or suspended. Both go through the tenant write core (lib/actions/tenant-transaction.ts).
import { fetchActivityPage } from "@/db/queries/activity/tenant-log";
import type { ActivityKey } from "@/db/queries/activity/keyset";
import type { ActivityRow } from "@/db/queries/activity/sql";
import { getActor } from "@/lib/actor";
import { licenseAllows, licenseRequiredMessage } from "@/lib/licenses";
import { appOrigin } from "@/lib/app-url";
import { clientIp } from "@/lib/client-ip";
import { can } from "@/lib/permissions";
import { readFormTextFields } from "@/lib/form-fields";
import { isSameOriginRequest } from "@/lib/same-origin";
import { ActionError } from "@/lib/actions/core";
import { IpRefusedError } from "@/lib/actions/ip-allow-check";
import { inTenantTransaction } from "@/lib/actions/tenant-transaction";
import { describeFilters, parseActivitySearch, toActivityFilters } from "@/lib/activity/filters";
import { activityCsvStream, EXPORT_BATCH_SIZE } from "@/lib/activity/csv-export";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string }> };

/** An old link or bookmark to the export only shows the filtered log. It exports nothing and writes nothing. */
export async function GET(request: Request, { params }: Context) {
  const { slug } = await params;
  const location = `/t/${encodeURIComponent(slug)}/activity${new URL(request.url).search}`;
  return new Response(null, { status: 303, headers: { Location: location } });
}

export async function POST(request: Request, { params }: Context) {
  // First, before the session is read: the same answer for every tenant and caller. The app's origin
  // is AUTH_URL, else the address the request came to (lib/app-url.ts).
  if (!isSameOriginRequest(request.headers, await appOrigin())) {
    return new Response("Refused: start the export from the activity page.", { status: 403 });
  }
  const { slug } = await params;
  const actor = await getActor(slug);
  if (!actor || !can(actor, "activity.read")) return new Response("Not found", { status: 404 });
  // After the membership check, so only members learn the tenant's license.
  if (!licenseAllows(actor.tenant.license, "csvExport")) {
    return new Response(licenseRequiredMessage("csvExport", actor.tenant.license), { status: 403 });
  }

  const form = await readFormTextFields(request);
  if (!form) return new Response("Send the filters as a form.", { status: 400 });
  const search = parseActivitySearch(form);
  const filters = toActivityFilters(search);
  const caller = { actor, ip: await clientIp() };
  const entry = {
    action: "activity.exported",
    targetType: "tenant",
    targetId: actor.tenant.id,
    summary: `${actor.user.email} exported the activity log as CSV`,
    details: { filters: describeFilters(search) },
  };
  // The entry and the first batch share one transaction (authorized again in it): an export that
  // cannot read its first rows records nothing and answers with an error, instead of logging and
  // then breaking off mid-download. The filters were parsed (and anything PostgreSQL could refuse
  // dropped) before this.
  let firstBatch: ActivityRow[];
  try {
    firstBatch = await inTenantTransaction(caller, { permission: "activity.read", ipKind: "package", name: "activity.export" }, async ({ tx, record }) => {
      await record(entry);
      return fetchActivityPage(tx, filters, undefined, EXPORT_BATCH_SIZE);
    });
  } catch (error) {
    if (error instanceof IpRefusedError) return new Response(error.message, { status: 403 });
    if (error instanceof ActionError) return new Response("Not found", { status: 404 });
    throw error;
  }

  // Each later batch is its own short transaction, authorized again: a long export never holds one
  // open, and one whose caller was removed or suspended meanwhile stops.
  const nextBatch = (after: ActivityKey) =>
    inTenantTransaction(caller, { permission: "activity.read", ipKind: "package" }, ({ tx }) =>
      fetchActivityPage(tx, filters, after, EXPORT_BATCH_SIZE),
    ).catch((error: unknown) => {
      if (error instanceof ActionError) throw new Error("Access to the tenant ended during the export", { cause: error });
      throw error;
    });
  const stream = activityCsvStream((after) => (after === undefined ? Promise.resolve(firstBatch) : nextBatch(after)));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="activity-${actor.tenant.slug}-${day}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
