import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { withActorTenant } from "@/db/scopes";
import { apiLimitsOf } from "@/db/queries/api-rate-limits";
import { flowRunQuotaOf, listUsageDays, measureUsage } from "@/db/queries/usage";
import { ActivityChart } from "@/components/activity/activity-chart";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/actor";
import { can } from "@/lib/permissions";
import { addDays, everyDay, formatBytes, utcDay } from "@/lib/usage/usage-days";

export const metadata: Metadata = { title: "Usage" };

const DAYS = 30;

const limitText = (limit: number | null) => (limit === null ? "No limit" : limit.toLocaleString("en-US"));
const measureText = (value: number | null, format: (value: number) => string = String) => (value === null ? "—" : format(value));

// Admins only (usage.read): anyone else gets the same 404 as a page that does not exist. Opening it
// measures today's active members, credentials and storage (at most hourly, db/queries/usage.ts).
export default async function UsagePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireActor(slug);
  if (!can(actor, "usage.read")) notFound();
  const to = utcDay(new Date());
  const from = addDays(to, -(DAYS - 1));
  const { days, apiLimits, flowRunQuota } = await withActorTenant(actor, async (tx) => {
    await measureUsage(tx);
    return { days: await listUsageDays(tx, from, to), apiLimits: await apiLimitsOf(tx), flowRunQuota: await flowRunQuotaOf(tx) };
  });
  const shown = everyDay(days, from, to);
  const flowRunsIn30Days = shown.reduce((sum, day) => sum + day.flowRuns, 0);

  return (
    <section>
      <PageHeader
        title="Usage"
        description="What this tenant used per day (UTC) over the last 30 days, and the limits a superadmin set for it."
      />
      <section aria-labelledby="limits-heading" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="limits-heading" className="mb-2 text-lg font-semibold">
          Current limits
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
          <dt className="text-slate-600">API requests per minute</dt>
          <dd data-testid="usage-api-limit">{limitText(apiLimits.tenant)}</dd>
          <dt className="text-slate-600">API requests per minute, shared by all tenants</dt>
          <dd>{limitText(apiLimits.platform)}</dd>
          <dt className="text-slate-600">Flow runs in the last 30 days</dt>
          <dd data-testid="usage-flow-runs">
            {flowRunQuota === null ? `${flowRunsIn30Days} (no limit)` : `${flowRunsIn30Days} of ${flowRunQuota.toLocaleString("en-US")}`}
          </dd>
        </dl>
      </section>
      <ActivityChart noun="API requests" clipped={false} days={shown.map((day) => ({ day: day.day, count: day.apiRequests }))} />
      <ActivityChart noun="Flow runs" clipped={false} days={shown.map((day) => ({ day: day.day, count: day.flowRuns }))} />
      <table className="w-full border-collapse rounded-lg bg-white text-left text-sm">
        <caption className="sr-only">Usage per day (UTC)</caption>
        <thead>
          <tr className="border-b border-slate-200 text-slate-600">
            <th scope="col" className="px-3 py-2">Day</th>
            <th scope="col" className="px-3 py-2">API requests</th>
            <th scope="col" className="px-3 py-2">Flow runs</th>
            <th scope="col" className="px-3 py-2">Active members</th>
            <th scope="col" className="px-3 py-2">Credentials</th>
            <th scope="col" className="px-3 py-2">Storage</th>
          </tr>
        </thead>
        <tbody>
          {shown.toReversed().map((day) => (
            <tr key={day.day} className="border-b border-slate-100">
              <th scope="row" className="px-3 py-2 font-mono font-normal">{day.day}</th>
              <td className="px-3 py-2">{day.apiRequests}</td>
              <td className="px-3 py-2">{day.flowRuns}</td>
              <td className="px-3 py-2">{measureText(day.activeMembers)}</td>
              <td className="px-3 py-2">{measureText(day.credentials)}</td>
              <td className="px-3 py-2">{measureText(day.storageBytes, formatBytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-500">
        Active members, credentials and storage are measured when this page is opened (at most once an hour); “—” is a day nobody
        measured them.
      </p>
    </section>
  );
}
