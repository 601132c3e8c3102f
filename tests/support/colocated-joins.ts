// Reads an `EXPLAIN (VERBOSE, FORMAT JSON)` plan and names every join of two tenant tables that Citus
// could not run on one shard (README, "Running at scale"): with tenant_id as the distribution column,
// a join stays on one worker only when its sides are paired on tenant_id (a.tenant_id = b.tenant_id)
// or each is pinned to the same tenant (tenant_id = the same value). The plan, not the query text, is
// read because the planner is what rewrites one into the other: `m.tenant_id = $1 and a.tenant_id =
// m.tenant_id` reaches the plan as both tables filtered by the tenant's id, with no join condition.

export interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  Alias?: string;
  "CTE Name"?: string;
  "Subplan Name"?: string;
  Plans?: PlanNode[];
  [key: string]: unknown;
}

const JOIN_TYPES = new Set(["Nested Loop", "Hash Join", "Merge Join"]);
const CONDITION_KEYS = ["Index Cond", "Filter", "Recheck Cond", "Join Filter", "Hash Cond", "Merge Cond", "TID Cond"];
// `m.tenant_id = a.tenant_id` (EXPLAIN VERBOSE qualifies every column with its scan's alias).
const PAIRED = /(\w+)\.tenant_id\)? = \(?(\w+)\.tenant_id\b/g;
// `m.tenant_id = '…'::uuid` or `m.tenant_id = $1`: the scan is pinned to one tenant.
const PINNED = /(\w+)\.tenant_id\)? = \(?('[^']*'::uuid|\$\d+)/g;

interface Scan {
  alias: string;
  table: string;
}

/** The join conditions that mix two tenant tables without sharing their tenant_id, one line each. */
export function uncolocatedJoins(plan: PlanNode, tenantTables: ReadonlySet<string>): string[] {
  const ctes = new Map<string, PlanNode>();
  const conditions: string[] = [];
  walk(plan, (node) => {
    if (node["Subplan Name"]?.startsWith("CTE ")) ctes.set(node["Subplan Name"].slice(4), node);
    for (const key of CONDITION_KEYS) if (typeof node[key] === "string") conditions.push(node[key]);
  });

  // Tenant scans that must land on one shard together: linked by a tenant_id pairing, or by the same pin.
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    const p = parent.get(x) ?? x;
    if (p === x) return x;
    const root = find(p);
    parent.set(x, root);
    return root;
  };
  const union = (a: string, b: string) => parent.set(find(a), find(b));
  for (const text of conditions) {
    for (const [, a, b] of text.matchAll(PAIRED)) union(a!, b!);
    for (const [, a, value] of text.matchAll(PINNED)) union(a!, `pin:${value}`);
  }

  const scansUnder = (node: PlanNode): Scan[] => {
    const scans: Scan[] = [];
    walk(node, (n) => {
      if (n["Relation Name"] && tenantTables.has(n["Relation Name"])) scans.push({ alias: n.Alias ?? n["Relation Name"], table: n["Relation Name"] });
      const cte = n["Node Type"] === "CTE Scan" && n["CTE Name"] ? ctes.get(n["CTE Name"]) : undefined;
      if (cte) scans.push(...scansUnder(cte));
    });
    return scans;
  };

  const offenders: string[] = [];
  walk(plan, (node) => {
    if (!JOIN_TYPES.has(node["Node Type"]) || node.Plans?.length !== 2) return;
    const [outer, inner] = node.Plans.map(scansUnder) as [Scan[], Scan[]];
    for (const a of outer) {
      for (const b of inner) {
        if (find(a.alias) !== find(b.alias)) offenders.push(`${node["Node Type"]} of ${a.table} (${a.alias}) and ${b.table} (${b.alias})`);
      }
    }
  });
  return [...new Set(offenders)];
}

function walk(node: PlanNode, visit: (node: PlanNode) => void) {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}
