// POST /t/<slug>/access/export (the review's filters in the form body): the filtered access review as a
// CSV download, built like the activity export (app/t/[slug]/activity/export/route.ts): a POST because
// it writes an entry, refused (403) unless it comes from the app's own pages, a 404 for anyone who may
// not review access (members.manage) without saying whether the tenant exists. The entry and the first
// batch share one transaction; every later batch authorizes the caller again in its own, so an export
// still streaming stops when the caller loses access.
import { accessReviewBatch } from "@/db/queries/access-review";
import type { AccessReviewRow } from "@/db/queries/access-review";
import { getActor } from "@/lib/actor";
import { appOrigin } from "@/lib/app-url";
import { clientIp } from "@/lib/client-ip";
import { ActionError } from "@/lib/actions/core";
import { IpRefusedError } from "@/lib/actions/ip-allow-check";
import { inTenantTransaction } from "@/lib/actions/tenant-transaction";
import { accessReviewCsvStream, ACCESS_EXPORT_BATCH_SIZE } from "@/lib/access-review/csv-export";
import { ACCESS_REVIEW_PERMISSION } from "@/lib/access-review/permission";
import { can } from "@/lib/permissions";
import { readFormTextFields } from "@/lib/form-fields";
import { isSameOriginRequest } from "@/lib/same-origin";
import { accessReviewUrlState, activeFilters, toAccessReviewFilters } from "@/lib/url-state/access-review";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string }> };

/** A link or bookmark to the export only shows the review. It exports nothing and writes nothing. */
export async function GET(request: Request, { params }: Context) {
  const { slug } = await params;
  const location = `/t/${encodeURIComponent(slug)}/access${new URL(request.url).search}`;
  return new Response(null, { status: 303, headers: { Location: location } });
}

export async function POST(request: Request, { params }: Context) {
  if (!isSameOriginRequest(request.headers, await appOrigin())) {
    return new Response("Refused: start the export from the access review page.", { status: 403 });
  }
  const { slug } = await params;
  const actor = await getActor(slug);
  if (!actor || !can(actor, ACCESS_REVIEW_PERMISSION)) return new Response("Not found", { status: 404 });

  const form = await readFormTextFields(request);
  if (!form) return new Response("Send the filters as a form.", { status: 400 });
  const state = accessReviewUrlState.parse(form);
  const filters = toAccessReviewFilters(state);
  const caller = { actor, ip: await clientIp() };
  const entry = {
    action: "access_review.exported",
    targetType: "tenant",
    targetId: actor.tenant.id,
    summary: `${actor.user.email} exported the access review as CSV`,
    details: { filters: Object.fromEntries(activeFilters(state)) },
  };
  const options = { permission: ACCESS_REVIEW_PERMISSION, name: "access_review.export" } as const;
  let firstBatch: AccessReviewRow[];
  try {
    firstBatch = await inTenantTransaction(caller, options, async ({ tx, record }) => {
      await record(entry);
      return accessReviewBatch(tx, filters, undefined, ACCESS_EXPORT_BATCH_SIZE);
    });
  } catch (error) {
    if (error instanceof IpRefusedError) return new Response(error.message, { status: 403 });
    if (error instanceof ActionError) return new Response("Not found", { status: 404 });
    throw error;
  }

  const nextBatch = (after: string) =>
    inTenantTransaction(caller, options, ({ tx }) => accessReviewBatch(tx, filters, after, ACCESS_EXPORT_BATCH_SIZE)).catch((error: unknown) => {
      if (error instanceof ActionError) throw new Error("Access to the tenant ended during the export", { cause: error });
      throw error;
    });
  const stream = accessReviewCsvStream((after) => (after === undefined ? Promise.resolve(firstBatch) : nextBatch(after)));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="access-${actor.tenant.slug}-${day}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
