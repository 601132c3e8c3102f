// What an import did (or, in a dry run, would do), per kind: the names it created, changed and skipped
// (with why). The dry run and the real import produce it with the same code (lib/tenant-export/apply-import.ts).

export interface Skipped {
  name: string;
  reason: string;
}

export interface KindOutcome {
  created: string[];
  changed: string[];
  skipped: Skipped[];
}

export const IMPORT_KINDS = ["settings", "domains", "ipAllowLists", "groups", "connections", "flows", "packages", "templates", "tables", "tableTemplates", "dashboards", "credentials"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  settings: "Settings",
  domains: "Approved domains",
  ipAllowLists: "IP allow-lists",
  groups: "Groups",
  connections: "Connections",
  flows: "Flows",
  packages: "Packages",
  templates: "Flow template customisations",
  tables: "Tables",
  tableTemplates: "Table template customisations",
  dashboards: "Dashboards",
  credentials: "Credentials",
};

export type ImportPlan = Record<ImportKind, KindOutcome> & { rowsCreated: number };

export function emptyPlan(): ImportPlan {
  const kinds = Object.fromEntries(IMPORT_KINDS.map((kind) => [kind, { created: [], changed: [], skipped: [] }])) as unknown as Record<ImportKind, KindOutcome>;
  return { ...kinds, rowsCreated: 0 };
}

/** "2 created, 1 changed, 3 skipped" for each kind that has anything, for the activity entry's summary. */
export function planSummary(plan: ImportPlan): string {
  const parts = IMPORT_KINDS.flatMap((kind) => {
    const { created, changed, skipped } = plan[kind];
    if (!created.length && !changed.length && !skipped.length) return [];
    return [`${IMPORT_KIND_LABELS[kind].toLowerCase()}: ${created.length} created, ${changed.length} changed, ${skipped.length} skipped`];
  });
  return parts.length ? parts.join("; ") : "nothing to import";
}

/** Whether the import changes anything. */
export const planWrites = (plan: ImportPlan) => IMPORT_KINDS.some((kind) => plan[kind].created.length || plan[kind].changed.length) || plan.rowsCreated > 0;
