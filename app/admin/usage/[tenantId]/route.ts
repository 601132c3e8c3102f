// GET /admin/usage/<tenantId>?month=YYYY-MM: one tenant's usage for a month as CSV (this month when no
// month is given). Superadmins only: anyone else, and an unknown tenant, get the same 404. It reads
// the usage meters only (the platform_usage_read policy), none of the tenant's data, so it enters no
// tenant and writes nothing (a GET that wrote could be set off from another site).
import { findTenantChoice } from "@/db/queries/platform-tenants";
import { listTenantUsageDays } from "@/db/queries/usage";
import { answerAsSuperadmin } from "@/lib/platform-route";
import { isUuid } from "@/lib/ids";
import { usageCsv } from "@/lib/usage/usage-csv";
import { everyDay, monthRange, utcDay } from "@/lib/usage/usage-days";

export const dynamic = "force-dynamic";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const notFound = () => new Response("Not found", { status: 404 });

export async function GET(request: Request, { params }: { params: Promise<{ tenantId: string }> }) {
  const month = new URL(request.url).searchParams.get("month") ?? utcDay(new Date()).slice(0, 7);
  const { tenantId } = await params;
  // The superadmin check comes first: to anyone else every address here is the same 404.
  return answerAsSuperadmin(notFound, async (tx) => {
    if (!MONTH.test(month)) return new Response("Give the month as YYYY-MM.", { status: 400 });
    const tenant = isUuid(tenantId) ? await findTenantChoice(tx, tenantId) : null;
    if (!tenant) return notFound();
    const { from, to } = monthRange(month);
    const days = everyDay(await listTenantUsageDays(tx, tenant.id, from, to), from, to);
    return new Response(usageCsv(tenant.slug, days), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="usage-${tenant.slug}-${month}.csv"`,
        "cache-control": "no-store",
      },
    });
  });
}
