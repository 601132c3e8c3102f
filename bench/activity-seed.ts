// The activity log's bulk seed for the benchmarks (bench:activity, bench:pages): `rows` entries over
// `tenants` tenants named bench-0001..., the first (the largest) holding every `largestShare`-th entry,
// and a platform log of a 25th of that size, a year of history, generated in SQL (generate_series) by the owner outside row-level security in a
// throw-away database, with the indexes built once at the end.
import { performance } from "node:perf_hooks";
import type { OwnerSession } from "../db/bench-owner";

export const ACTORS = 50;
const ACTIONS = [
  "auth.signed_in", "auth.signed_out", "member.added", "member.removed", "member.roles_changed", "flow.created",
  "flow.updated", "flow.deleted", "flow.run", "flow.run_failed", "settings.updated", "domain.added", "domain.removed",
  "tenant.switched", "activity.exported", "superadmin.accessed", "license.changed", "invite.sent", "password.set", "session.revoked",
];
const WORDS = ["invoice", "payroll", "shipment", "contract", "refund", "ledger", "forecast", "catalog", "backup", "webhook",
  "mailbox", "calendar", "report", "pipeline", "ticket", "dataset", "account", "license", "export", "gateway"];

const ms = (start: number) => performance.now() - start;

export async function seedActivity(owner: OwnerSession, { rows: ROWS, tenants: TENANTS, largestShare: LARGEST_SHARE }: { rows: number; tenants: number; largestShare: number }) {
  const started = performance.now();
  // Bulk load: outside row-level security (a throw-away database), indexes built once at the end.
  await owner.query("alter table activity no force row level security");
  const indexes = await owner.query<{ name: string; definition: string }>(
    "select i.relname as name, pg_get_indexdef(i.oid) as definition from pg_index x join pg_class i on i.oid = x.indexrelid where x.indrelid = 'activity'::regclass and not x.indisprimary and not x.indisunique",
  );
  for (const index of indexes) await owner.query(`drop index ${index.name}`);
  // The word index (filled by activity's trigger, one INSERT per statement) gets its primary key and
  // foreign key back after the load: one sort and one join instead of a check per word.
  const termConstraints = await owner.query<{ name: string; definition: string }>(
    "select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint where conrelid = 'activity_terms'::regclass order by contype desc",
  );
  for (const constraint of termConstraints) await owner.query(`alter table activity_terms drop constraint ${constraint.name}`);
  await owner.query(
    "insert into tenants (slug, name) select 'bench-' || lpad(g::text, 4, '0'), 'Bench tenant ' || g from generate_series(1, $1::int) g",
    [TENANTS],
  );
  const tenantIds = (await owner.query<{ id: string }>("select id from tenants where slug like 'bench-%' order by slug")).map((t) => t.id);
  const largest = tenantIds[0]!;
  // Tenants interleaved in time order, as a shared append-only log is written; a year of history.
  const chunk = 500_000;
  for (let from = 1; from <= ROWS; from += chunk) {
    const to = Math.min(ROWS, from + chunk - 1);
    await owner.query(
      `insert into activity (tenant_id, actor_user_id, actor_email, action, target_type, target_id, summary, ip, created_at)
       select case when n % $3 = 0 then $4::uuid else ($5::uuid[])[1 + (n / $3) % ($6 - 1)] end,
         ('00000000-0000-4000-8000-' || lpad((h % $7)::text, 12, '0'))::uuid,
         'user' || (h % $7) || '@bench.test',
         ($8::text[])[1 + (h / 64) % 20],
         ($9::text[])[1 + (h / 4096) % 4],
         'id-' || ((h / 16384) % 5000),
         'user' || (h % $7) || '@bench.test touched the ' || ($10::text[])[1 + (h / 262144) % 20] || ' #' || n,
         '10.0.' || (n % 250) || '.' || (h % 200),
         now() - ($11 - n)::float8 / $11 * interval '365 days'
       -- h: a well-mixed number per row, so every tenant gets every actor, action and word.
       from generate_series($1::int, $2::int) n, lateral (select abs(hashint4(n)::bigint) as h) as mix`,
      [from, to, LARGEST_SHARE, largest, tenantIds.slice(1), tenantIds.length, ACTORS, ACTIONS, ["flow", "membership", "tenant", "user"], WORDS, ROWS],
    );
  }
  // The platform log (tenants created, licenses changed, ...): one entry per 25 of the tenants' logs,
  // about tenants taken at random, so the superadmin's cases read a log of realistic size.
  await owner.query(
    `insert into platform_activity (actor_email, action, subject_tenant_id, tenant_name, summary, created_at)
     select 'root@bench.test', ($3::text[])[1 + (h / 64) % 4], ($2::uuid[])[1 + h % $4], 'Bench tenant',
       'root@bench.test changed the ' || ($5::text[])[1 + (h / 4096) % 20] || ' of a tenant #' || n,
       now() - ($1 - n)::float8 / $1 * interval '365 days'
     from generate_series(1, $1::int) n, lateral (select abs(hashint4(n)::bigint) as h) as mix`,
    [Math.floor(ROWS / 25), tenantIds, ["tenant.created", "license.changed", "flow_cap.changed", "tenant.deleted"], tenantIds.length, WORDS],
  );
  const loaded = ms(started);
  await owner.query("set maintenance_work_mem = '512MB'");
  for (const index of indexes) await owner.query(index.definition);
  for (const constraint of termConstraints) await owner.query(`alter table activity_terms add constraint ${constraint.name} ${constraint.definition}`);
  await owner.query("alter table activity force row level security");
  await owner.query("vacuum analyze activity");
  await owner.query("vacuum analyze activity_terms");
  await owner.query("analyze tenants");
  await owner.query("vacuum analyze platform_activity");
  return { largest, seedMs: ms(started), loadMs: loaded };
}

