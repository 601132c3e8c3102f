// The tenant data file (issue 16, item 3): JSON lines. The first line is the header (format name,
// version, what the file holds and how many), then one record per line, then a last line with the
// SHA-256 of every byte before it. Records carry names, never ids: an import addresses rows of its own
// tenant only, by name, and gives what it creates new ids. Members are people with their own accounts,
// not tenant data, so no file carries them (nor API keys, activity or runs).
import { z } from "zod";
import { DATA_COLUMN_TYPES } from "@/db/schema/data-tables";
import { TWO_FACTOR_REQUIREMENTS } from "@/db/schema/tenants";
import { ACCESS_KINDS } from "../ip-allow-list";

export const FORMAT_NAME = "tenantry.tenant-data";
export const FORMAT_VERSION = 1;

/** Every kind of record, in the order a file holds them (a table's rows follow it). */
export const RECORD_KINDS = ["settings", "domain", "ip_allow_list", "flow", "table", "row", "credential"] as const;
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
  /** How the credentials' key comes from the passphrase; null: the file holds no credentials. */
  credentials: Kdf.nullable(),
});
export type Header = z.infer<typeof Header>;

export const SettingsRecord = z.object({
  kind: z.literal("settings"),
  contactEmail: z.string().max(320).nullable(),
  magicLinkEnabled: z.boolean(),
  twoFactorRequired: z.enum(TWO_FACTOR_REQUIREMENTS),
});
export const DomainRecord = z.object({ kind: z.literal("domain"), domain: z.string().max(253) });
export const IpAllowListRecord = z.object({ kind: z.literal("ip_allow_list"), list: z.enum(ACCESS_KINDS), cidrs: z.array(z.string().max(60)).max(1000) });
export const FlowRecord = z.object({ kind: z.literal("flow"), name: Text, steps: z.array(z.string().max(200)).max(100) });
export const TableRecord = z.object({
  kind: z.literal("table"),
  name: Text,
  columns: z.array(z.object({ name: Text, type: z.enum(DATA_COLUMN_TYPES) })).max(100),
});
export const RowRecord = z.object({
  kind: z.literal("row"),
  table: Text,
  /** When the row was added (microseconds, UTC): kept, so a table lists its rows in the same order after an import. */
  createdAt: z.iso.datetime({ offset: true }),
  values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export const CredentialRecord = z.object({
  kind: z.literal("credential"),
  name: Text,
  description: z.string().max(1000).nullable(),
  iv: Base64,
  authTag: Base64,
  ciphertext: Base64,
});

export const DataRecord = z.discriminatedUnion("kind", [SettingsRecord, DomainRecord, IpAllowListRecord, FlowRecord, TableRecord, RowRecord, CredentialRecord]);
export type DataRecord = z.infer<typeof DataRecord>;
export type RecordOf<K extends RecordKind> = Extract<DataRecord, { kind: K }>;

export const Trailer = z.object({ kind: z.literal("checksum"), algorithm: z.literal("sha256"), value: z.string().regex(/^[0-9a-f]{64}$/) });

/** One line of the file: the JSON and its newline. */
export const line = (value: unknown) => `${JSON.stringify(value)}\n`;
