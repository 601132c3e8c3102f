// The tenant data file (issue 16, item 3): JSON lines. The first line is the header (format name,
// version, what the file holds and how many), then one record per line, then a last line with the
// SHA-256 of every byte before it. Records carry names, not database ids, with one exception: flows and
// packages keep their ids (version 2), as a package deploy does, because a package's snapshots and a
// flow's versions name flows by id. Members are people with their own accounts, not tenant data, so no
// file carries them (nor group memberships, API keys, activity or runs).
//
// Version 2 added custom groups, flows of every environment with their versions, and packages; a flow
// record of version 1 has no id and no environment (it is Production's, merged by name). Version 3 added
// connections (their settings; their secrets only under the passphrase, like credentials; ids kept, as
// flow steps name them by id), flow template customisations (by template id) and the chosen two-factor
// groups (built-in ones on the settings record, custom ones on their group record). Version 4 added
// dashboards with their widgets (a widget names its data table by name: tables get new ids on import)
// and table template customisations (by template id, naming their table; a table's columns keep their
// value keys, under which a template table's rows hold their values). Versions 1 to 3 are still read
// (lib/tenant-export/read-file.ts); version 4 is written.
//
// A table made from a template is written under the name its tenant sees (its effective name; the
// records naming it, rows, its customisation and widgets, use that name too) with its effective
// columns: each with its value key, a column the template removed or retyped included, so two columns
// may share a name there (lib/tenant-export/table-record.ts). Earlier version 4 files named such a
// table by the name it was stored under, consistently, and read the same way. The shape is unchanged,
// so the version is too.
import { z } from "zod";
import { DATA_COLUMN_TYPES } from "@/db/schema/data-tables";
import { ENVIRONMENTS, FLOW_VERSION_REASONS } from "@/db/schema/flows";
import { CONNECTION_STATUSES } from "@/db/schema/connections";
import { MEMBER_ROLES } from "@/db/schema/member-roles";
import { TWO_FACTOR_REQUIREMENTS } from "@/db/schema/tenants";
import { WIDGET_KINDS, WIDGETS_PER_DASHBOARD } from "../dashboards/widget-config";
import { ACCESS_KINDS } from "../ip-allow-list";

export const FORMAT_NAME = "tenantry.tenant-data";
export const FORMAT_VERSION = 4;
/** The versions this console reads. */
export const READABLE_VERSIONS: readonly number[] = [1, 2, 3, 4];

/** Every kind of record, in the order a file holds them (a table's rows follow it). */
export const RECORD_KINDS = ["settings", "domain", "ip_allow_list", "group", "connection", "flow", "flow_version", "package", "template_use", "dashboard", "table_template_use", "table", "row", "credential"] as const;
/** The kinds a version 1 file may hold. */
export const VERSION_1_KINDS: readonly RecordKind[] = ["settings", "domain", "ip_allow_list", "flow", "table", "row", "credential"];
/** The kinds a version 2 file may hold. */
export const VERSION_2_KINDS: readonly RecordKind[] = [...VERSION_1_KINDS, "group", "flow_version", "package"];
/** The kinds a version 3 file may hold. */
export const VERSION_3_KINDS: readonly RecordKind[] = [...VERSION_2_KINDS, "connection", "template_use"];
export type RecordKind = (typeof RECORD_KINDS)[number];

const Text = z.string().max(10_000);
const Base64 = z.string().max(20_000).regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const Kdf = z.object({
  name: z.literal("scrypt"),
  salt: Base64,
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
});

export const Header = z.object({
  format: z.literal(FORMAT_NAME),
  version: z.number().int(),
  exportedAt: z.string().max(40),
  tenant: z.object({ name: Text }),
  /** Records of each kind that follow: what a download's progress counts against. */
  counts: z.partialRecord(z.enum(RECORD_KINDS), z.number().int().nonnegative()),
  /** How the key of the credentials and connections' secrets comes from the passphrase; null: the file holds none. */
  credentials: Kdf.nullable(),
});
export type Header = z.infer<typeof Header>;

export const SettingsRecord = z.object({
  kind: z.literal("settings"),
  contactEmail: z.string().max(320).nullable(),
  magicLinkEnabled: z.boolean(),
  twoFactorRequired: z.enum(TWO_FACTOR_REQUIREMENTS),
  /** The built-in groups that must use two-factor when the requirement is "groups" (version 3). */
  twoFactorRoles: z.array(z.enum(MEMBER_ROLES)).max(MEMBER_ROLES.length).optional(),
});
export const DomainRecord = z.object({ kind: z.literal("domain"), domain: z.string().max(253) });
export const IpAllowListRecord = z.object({ kind: z.literal("ip_allow_list"), list: z.enum(ACCESS_KINDS), cidrs: z.array(z.string().max(60)).max(1000) });
const Steps = z.array(z.string().max(200)).max(100);
const Id = z.uuid();
const Timestamp = z.iso.datetime({ offset: true });
/**
 * A custom group; from version 3 also whether it is one of the groups that must use two-factor, and
 * whether its flow permissions are narrowed to particular flows (by id: flows keep theirs in the file).
 */
export const GroupRecord = z.object({
  kind: z.literal("group"),
  name: Text,
  permissions: z.array(z.string().max(100)).max(200),
  twoFactorRequired: z.boolean().optional(),
  flowsScoped: z.boolean().optional(),
  flowIds: z.array(Id).max(100_000).optional(),
});
/** A flow as it is now; version 2 names its environment and id (absent in version 1: Production, by name). */
export const FlowRecord = z.object({ kind: z.literal("flow"), environment: z.enum(ENVIRONMENTS).optional(), id: Id.optional(), name: Text, steps: Steps });
/** One saved state of a flow (after its flow's record, oldest first). Who saved it is not in the file: members are not. */
export const FlowVersionRecord = z.object({
  kind: z.literal("flow_version"),
  environment: z.enum(ENVIRONMENTS),
  flowId: Id,
  version: z.number().int().min(1).max(2_147_483_647),
  name: Text,
  steps: Steps,
  reason: z.enum(FLOW_VERSION_REASONS),
  restoredFrom: z.number().int().min(1).max(2_147_483_647).nullable(),
  packageId: Id.nullable(),
  createdAt: Timestamp,
});
/** A package and its flows' snapshots, as they were packaged. */
export const PackageRecord = z.object({
  kind: z.literal("package"),
  id: Id,
  name: Text,
  environment: z.enum(ENVIRONMENTS),
  createdAt: Timestamp,
  flows: z.array(z.object({ flowId: Id, version: z.number().int().min(1).max(2_147_483_647), name: Text, steps: Steps })).max(1000),
});
export const TableRecord = z.object({
  kind: z.literal("table"),
  name: Text,
  /** A column's key (version 4): where a template table's rows hold its values (absent: under its name). */
  columns: z.array(z.object({ name: Text, type: z.enum(DATA_COLUMN_TYPES), key: z.string().regex(/^[a-z0-9:]{1,100}$/).optional() })).max(100),
});
export const RowRecord = z.object({
  kind: z.literal("row"),
  table: Text,
  /** When the row was added (microseconds, UTC): kept, so a table lists its rows in the same order after an import. */
  createdAt: Timestamp,
  values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
const Sealed = z.object({ iv: Base64, authTag: Base64, ciphertext: Base64 });
/** A connection (version 3) with its id (flow steps name it); its secrets sealed under the passphrase, or null without one. */
export const ConnectionRecord = z.object({
  kind: z.literal("connection"),
  id: Id,
  name: Text,
  connector: z.string().max(100),
  settings: z.record(z.string().max(100), z.union([z.string().max(2000), z.number(), z.boolean()])),
  status: z.enum(CONNECTION_STATUSES),
  secrets: Sealed.nullable(),
});
/** A flow template customisation (version 3): the template by id (its name too, to report it if the target lacks it). */
export const TemplateUseRecord = z.object({
  kind: z.literal("template_use"),
  templateId: Id,
  templateName: Text,
  name: Text.nullable(),
  description: Text.nullable(),
  extraSteps: Steps.nullable(),
});
/**
 * A dashboard with its widgets in their order (version 4). A widget reading a data table names it by
 * name in `table` (null: flow runs, or a table since deleted) and its config holds no table id; its
 * config names the table's columns by value key, as the table record's columns carry them (files
 * written before that name them by label: import-dashboards.ts reads both).
 */
export const DashboardRecord = z.object({
  kind: z.literal("dashboard"),
  name: Text,
  widgets: z
    .array(z.object({ kind: z.enum(WIDGET_KINDS), title: Text, table: Text.nullable(), config: z.record(z.string().max(100), z.json()) }))
    .max(WIDGETS_PER_DASHBOARD),
});
const TemplateColumn = z.object({ key: z.string().max(100), name: Text, type: z.enum(DATA_COLUMN_TYPES) });
/** A table template customisation (version 4): the template by id (and name, to report it), its table by name, the overrides. */
export const TableTemplateUseRecord = z.object({
  kind: z.literal("table_template_use"),
  templateId: Id,
  templateName: Text,
  table: Text,
  name: Text.nullable(),
  columnLabels: z.record(z.string().max(100), Text).nullable(),
  extraColumns: z.array(TemplateColumn).max(100).nullable(),
});
export const CredentialRecord = z.object({
  kind: z.literal("credential"),
  name: Text,
  description: z.string().max(1000).nullable(),
  iv: Base64,
  authTag: Base64,
  ciphertext: Base64,
});

export const DataRecord = z.discriminatedUnion("kind", [
  SettingsRecord,
  DomainRecord,
  IpAllowListRecord,
  GroupRecord,
  ConnectionRecord,
  FlowRecord,
  FlowVersionRecord,
  PackageRecord,
  TemplateUseRecord,
  DashboardRecord,
  TableTemplateUseRecord,
  TableRecord,
  RowRecord,
  CredentialRecord,
]);
export type DataRecord = z.infer<typeof DataRecord>;
export type RecordOf<K extends RecordKind> = Extract<DataRecord, { kind: K }>;

export const Trailer = z.object({ kind: z.literal("checksum"), algorithm: z.literal("sha256"), value: z.string().regex(/^[0-9a-f]{64}$/) });

/** One line of the file: the JSON and its newline. */
export const line = (value: unknown) => `${JSON.stringify(value)}\n`;
