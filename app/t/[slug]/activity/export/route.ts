// GET /t/<slug>/activity/export?<filters>: the filtered log as a CSV download. Authorized like the
// page (session -> membership from the slug -> "activity.read"; anything else is a 404 that does not
// say whether the tenant exists). The export itself is recorded in the log before any row is sent,
// and every batch checks the caller's access again in its own transaction, so an export that is still
// streaming stops (the download fails) when the caller is removed or suspended.
import { withTenant, type Tx } from "@/db/scopes";
import { fetchActivityPage, recordActivity } from "@/db/queries/activity";
import { getActor } from "@/lib/actor";
import { clientIp } from "@/lib/client-ip";
import { can } from "@/lib/permissions";
import { accessInTransaction, markedAsSuperadmin } from "@/lib/superadmin-access";
import { describeFilters, parseActivitySearch, toActivityFilters } from "@/lib/activity/filters";
import { activityCsvStream, EXPORT_BATCH_SIZE } from "@/lib/activity/csv-export";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await getActor(slug);
  if (!actor || !can(actor.roles, "activity.read")) return new Response("Not found", { status: 404 });

  const search = parseActivitySearch(new URL(request.url).searchParams);
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
  await withTenant(scope, async (tx) => {
    const access = await requireAccess(tx);
    await recordActivity(tx, {
      tenantId: actor.tenant.id,
      actorUserId: actor.user.id,
      actorEmail: actor.user.email,
      ip,
      ...(access.viaSuperadmin ? markedAsSuperadmin(entry) : entry),
    });
  });

  // Each batch is its own short transaction: a long export never holds one open.
  const stream = activityCsvStream((after) =>
    withTenant(scope, async (tx) => {
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
