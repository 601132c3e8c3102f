// POST /t/<slug>/activity/export (the filters in the form body): the filtered log as a CSV download.
// It is a POST because it writes an entry. A GET carries the SameSite=Lax session cookie on another
// site's link, so that site could make a member's browser export and add entries to the log.
// Requests that do not come from the app's own pages are refused (403) before anything is read or
// written. Authorized like the page (session -> membership from the slug -> "activity.read"; anything
// else is a 404 that does not say whether the tenant exists). The export itself is recorded in the
// log in the transaction that reads the first rows, and every later batch checks the caller's access
// again in its own transaction, so an export that is still streaming stops (the download fails) when the caller is
// removed or suspended.
import { withTenant, type Tx } from "@/db/scopes";
import { fetchActivityPage } from "@/db/queries/activity";
import { getActor } from "@/lib/actor";
import { licenseAllows, licenseRequiredMessage } from "@/lib/licenses";
import { appOrigin } from "@/lib/app-url";
import { clientIp } from "@/lib/client-ip";
import { can } from "@/lib/permissions";
import { isSameOriginRequest } from "@/lib/same-origin";
import { accessInTransaction, recordCallerActivity } from "@/lib/superadmin-access";
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
  if (!actor || !can(actor.roles, "activity.read")) return new Response("Not found", { status: 404 });
  // After the membership check, so only members learn the tenant's license.
  if (!licenseAllows(actor.tenant.license, "csvExport")) {
    return new Response(licenseRequiredMessage("csvExport", actor.tenant.license), { status: 403 });
  }

  const form = await formFields(request);
  if (!form) return new Response("Send the filters as a form.", { status: 400 });
  const search = parseActivitySearch(form);
  const filters = toActivityFilters(search);
  const scope = { tenantId: actor.tenant.id, userId: actor.user.id };
  const ip = await clientIp();
  const requireAccess = async (tx: Tx) => {
    const access = await accessInTransaction(tx, actor.tenant.id, actor.user.id);
    if (!access || !can(access.roles, "activity.read")) throw new Error("Access to the tenant ended during the export");
    return access;
  };
  const entry = {
    action: "activity.exported",
    targetType: "tenant",
    targetId: actor.tenant.id,
    summary: `${actor.user.email} exported the activity log as CSV`,
    details: { filters: describeFilters(search) },
  };
  // The entry and the first batch share one transaction: an export that cannot read its first rows
  // records nothing and answers with an error, instead of logging and then breaking off mid-download.
  // The filters were parsed (and anything PostgreSQL could refuse dropped) before this.
  const firstBatch = await withTenant(scope, async (tx) => {
    const access = await requireAccess(tx);
    await recordCallerActivity(tx, { tenantId: actor.tenant.id, user: actor.user, access, ip }, entry);
    return fetchActivityPage(tx, actor.tenant.id, filters, undefined, EXPORT_BATCH_SIZE);
  });

  // Each later batch is its own short transaction: a long export never holds one open.
  const stream = activityCsvStream((after) =>
    after === undefined
      ? Promise.resolve(firstBatch)
      : withTenant(scope, async (tx) => {
          await requireAccess(tx);
          return fetchActivityPage(tx, actor.tenant.id, filters, after, EXPORT_BATCH_SIZE);
        }),
  );
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

/** The form's text fields (urlencoded or multipart), or null when the body is not a form. */
async function formFields(request: Request): Promise<URLSearchParams | null> {
  try {
    const fields = new URLSearchParams();
    for (const [key, value] of await request.formData()) if (typeof value === "string") fields.append(key, value);
    return fields;
  } catch {
    return null;
  }
}
