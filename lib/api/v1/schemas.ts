// The REST API's query and answer shapes, as zod schemas: the OpenAPI document is generated from these
// and from the actions' own input schemas (app/api/v1/openapi.json/document.ts). Request bodies are
// parsed by the actions' schemas; these describe what the routes answer.
import { z } from "zod";
import { MEMBER_ROLES } from "@/db/schema/member-roles";
import { PAGE_SIZES } from "@/components/data-table/page-sizes";
import { STEP_KINDS } from "@/lib/flows/steps";
import { DATA_COLUMN_TYPES } from "@/db/schema/data-tables";
import { ROW_SORTABLE } from "@/lib/url-state/data-table-rows";

const Role = z.enum(MEMBER_ROLES);
const Timestamp = z.string().meta({ format: "date-time" });
const PageSize = z.union(PAGE_SIZES.map((size) => z.literal(size))).meta({ description: "Rows per page (others fall back to the default)." });
const Page = z.int().min(1).meta({ description: "Page number, from 1." });
const Dir = z.enum(["asc", "desc"]);

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string().meta({ description: "The message the console shows for the same refusal." }),
    code: z.string().optional().meta({ description: "VALIDATION, NOT_FOUND, FORBIDDEN, CONFLICT, UNAUTHENTICATED, ..." }),
    errors: z.record(z.string(), z.array(z.string())).optional().meta({ description: "Each field's messages, as the form shows them." }),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details (application/problem+json)." });

export const MembersQuery = z.object({
  role: z.union([Role, z.uuid()]).optional().meta({ description: "A built-in group (viewer, editor, admin) or a custom group's id." }),
  status: z.enum(["active", "invited", "suspended"]).optional(),
  q: z.string().max(100).optional().meta({ description: "Search in names and addresses." }),
  sort: z.enum(["joined", "name", "email"]).optional(),
  dir: Dir.optional(),
  page: Page.optional(),
  size: PageSize.optional(),
});

export const Member = z
  .object({ id: z.uuid(), userId: z.uuid(), name: z.string().nullable(), email: z.string(), roles: z.array(Role), groups: z.array(z.object({ id: z.uuid(), name: z.string() })), status: z.enum(["active", "invited", "suspended"]), joinedAt: Timestamp })
  .meta({ id: "Member" });

export const MemberPage = z.object({ members: z.array(Member), total: z.int(), page: z.int(), size: z.int() });
export const MemberRef = z.object({ memberId: z.uuid() });
export const MemberRoles = z.object({ memberId: z.uuid(), roles: z.array(Role) });
export const AddedMember = z.object({ memberId: z.uuid(), email: z.string(), roles: z.array(Role) });

export const FlowsQuery = z.object({
  q: z.string().max(200).optional().meta({ description: "Search in flow names." }),
  sort: z.enum(["name", "createdAt", "updatedAt"]).optional(),
  dir: Dir.optional(),
  page: Page.optional(),
  size: PageSize.optional(),
});

export const Flow = z
  .object({ id: z.uuid(), name: z.string(), steps: z.array(z.enum(STEP_KINDS)), createdAt: Timestamp, updatedAt: Timestamp })
  .meta({ id: "Flow" });
export const FlowPage = z.object({ flows: z.array(Flow), total: z.int(), page: z.int(), size: z.int() });
export const FlowRef = z.object({ id: z.uuid(), name: z.string().optional() });

export const Run = z
  .object({
    id: z.uuid(),
    status: z.enum(["succeeded", "failed"]),
    log: z.array(z.object({ step: z.string(), status: z.string(), at: Timestamp, output: z.string().optional() })),
    durationMs: z.int().nullable(),
    startedAt: Timestamp,
    triggeredByEmail: z.string().nullable().meta({ description: "Null when an API key ran it." }),
  })
  .meta({ id: "Run" });
export const RunsQuery = z.object({ after: z.string().optional().meta({ description: "The `next` of the previous page." }) });
export const RunPage = z.object({ runs: z.array(Run), next: z.string().nullable() });
export const StartedRun = z.object({ runId: z.uuid(), status: z.enum(["succeeded", "failed"]), durationMs: z.int() });

export const ActivityQuery = z.object({
  actor: z.uuid().optional().meta({ description: "A member's user id." }),
  action: z.array(z.string()).optional().meta({ description: "Action names (repeat the parameter for several)." }),
  targetType: z.string().optional(),
  targetId: z.string().optional().meta({ description: "Only with targetType." }),
  from: z.string().optional().meta({ description: "First day, YYYY-MM-DD (UTC)." }),
  to: z.string().optional().meta({ description: "Last day, YYYY-MM-DD (UTC)." }),
  q: z.string().max(200).optional().meta({ description: "Words in the summary." }),
  size: PageSize.optional(),
  cursor: z.string().optional().meta({ description: "`older` or `newer` of the previous page." }),
});
export const ActivityEntry = z
  .object({
    id: z.uuid(),
    createdAt: z.string().meta({ description: "UTC with microseconds." }),
    actorUserId: z.uuid().nullable(),
    actorEmail: z.string().nullable().meta({ description: "The member's address, or the API key's name." }),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    summary: z.string(),
    details: z.record(z.string(), z.unknown()).nullable(),
    ip: z.string().nullable(),
  })
  .meta({ id: "ActivityEntry" });
export const ActivityPage = z.object({ entries: z.array(ActivityEntry), older: z.string().nullable(), newer: z.string().nullable() });

export const CredentialMetadata = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    valueLast4: z.string().nullable().meta({ description: "The value's last 4 characters, for roles that may use credentials (Editor, Admin); never the value." }),
    updatedByEmail: z.string().nullable(),
    updatedAt: Timestamp,
  })
  .meta({ id: "CredentialMetadata" });
export const CredentialList = z.object({ credentials: z.array(CredentialMetadata) });
export const CredentialRef = z.object({ id: z.uuid(), name: z.string().optional() });

export const Connection = z
  .object({
    id: z.uuid(),
    name: z.string(),
    connector: z.enum(["http_api", "incoming_webhook", "smtp"]).meta({ description: "A connector of the read-only catalog." }),
    settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).meta({ description: "What is not secret (a base URL, a host); secrets are never returned." }),
    status: z.enum(["active", "inactive", "failing"]),
    lastError: z.string().nullable().meta({ description: "Why the last test failed." }),
    lastTestedAt: Timestamp.nullable(),
    lastReceivedAt: Timestamp.nullable().meta({ description: "An incoming webhook's last accepted POST." }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: "Connection" });
export const ConnectionList = z.object({ connections: z.array(Connection) });
export const ConnectionRef = z.object({ id: z.uuid(), name: z.string().optional() });
export const ConnectionTest = z.object({ id: z.uuid(), ok: z.boolean(), status: z.enum(["active", "inactive", "failing"]), message: z.string() });

export const Tenant = z
  .object({ id: z.uuid(), slug: z.string(), name: z.string(), contactEmail: z.string().nullable(), magicLinkEnabled: z.boolean(), license: z.string() })
  .meta({ id: "Tenant" });

const DataColumn = z.object({
  name: z.string(),
  type: z.enum(DATA_COLUMN_TYPES),
  field: z.string().meta({ description: "The field a row's body gives this column's value in (c0, c1, …, by position)." }),
});
export const DataTable = z
  .object({ id: z.uuid(), name: z.string(), columns: z.array(DataColumn), rowCount: z.int(), createdAt: Timestamp })
  .meta({ id: "DataTable" });
export const DataTableList = z.object({ tables: z.array(DataTable) });
export const DataTableRef = z.object({ id: z.uuid(), name: z.string().optional() });

export const RowsQuery = z.object({
  sort: z.enum(ROW_SORTABLE).optional().meta({ description: "`added` (when added), or a column's field (c0, c1, …)." }),
  dir: Dir.optional(),
  fc: z.string().optional().meta({ description: "A column's field to filter on (with `fv`)." }),
  fv: z.string().max(200).optional().meta({ description: "The value the `fc` column equals; one its type cannot hold answers 422 on `fv`." }),
  q: z.string().max(100).optional().meta({ description: "Words (or word starts) of the text values." }),
  size: PageSize.optional(),
  cursor: z.string().optional().meta({ description: "`next` or `previous` of the page before." }),
});
export const Row = z
  .object({
    id: z.uuid(),
    values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).meta({ description: "By column name." }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: "Row" });
export const RowPage = z.object({
  rows: z.array(Row),
  total: z.int().meta({ description: "Rows in the table (not only those matching)." }),
  size: z.int(),
  previous: z.string().nullable(),
  next: z.string().nullable(),
});
export const RowRef = z.object({ id: z.uuid() });
