// Shared by the tenant export/import tests: the export's POST as the settings page sends it, the
// file's lines, and a tenant's content read straight from its tables (to prove what changed or not).
import { createHash } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { activity, approvedDomains, credentials, dataTableRows, dataTables, flows, ipAllowLists, tenants } from "@/db/schema";
import { runWithClientAddress } from "@/lib/request-address";
import { actingAs } from "../support/session";

export const ORIGIN = "http://tenantry.test";
export const OFFICE_IP = "10.1.2.3";
type User = { id: string; email: string } | null;

/** POST /t/<slug>/export from the app's own page, as `user` from `ip`: the status and the whole body. */
export async function exportTenant(slug: string, user: User, passphrase = "", ip = OFFICE_IP) {
  const { POST } = await import("@/app/t/[slug]/export/route");
  return runWithClientAddress(ip, () =>
    actingAs(user, async () => {
      const body = new URLSearchParams({ passphrase });
      const response = await POST(new Request(`${ORIGIN}/t/${slug}/export`, { method: "POST", headers: { "sec-fetch-site": "same-origin", origin: ORIGIN }, body }), {
        params: Promise.resolve({ slug }),
      });
      return { status: response.status, text: await response.text() };
    }),
  );
}

export const lines = (text: string) => text.trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);

/** The file with its records replaced and a checksum that matches again (what a forger can do). */
export function rewritten(text: string, change: (records: Record<string, unknown>[]) => Record<string, unknown>[]) {
  const body = change(lines(text).slice(0, -1)).map((record) => `${JSON.stringify(record)}\n`).join("");
  const value = createHash("sha256").update(body, "utf8").digest("hex");
  return `${body}${JSON.stringify({ kind: "checksum", algorithm: "sha256", value })}\n`;
}

export const fileOf = (text: string, name = "tenant.jsonl") => new File([text], name, { type: "application/x-ndjson" });

/** Everything an import could write in a tenant, counted, plus its settings. */
export function snapshot(tenantId: string) {
  return withTenant({ tenantId, userId: null }, async (tx) => {
    const countOf = async (table: typeof flows | typeof dataTables | typeof dataTableRows | typeof credentials | typeof approvedDomains | typeof ipAllowLists | typeof activity) =>
      (await tx.select({ value: count() }).from(table).where(eq(table.tenantId, tenantId)))[0]!.value;
    const [settings] = await tx.select({ contactEmail: tenants.contactEmail }).from(tenants).where(eq(tenants.id, tenantId));
    return {
      settings,
      flows: await countOf(flows),
      tables: await countOf(dataTables),
      rows: await countOf(dataTableRows),
      credentials: await countOf(credentials),
      domains: await countOf(approvedDomains),
      lists: await countOf(ipAllowLists),
      activityEntries: await countOf(activity),
    };
  });
}
