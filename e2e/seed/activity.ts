// The activity log's end-to-end world: tenant A with a history to filter and page through, and
// tenant B whose entries A's members must never see.
import type { SeedActivity, SeedWorld } from "../../db/seed";
import { members, tenant } from "./world";

export const ACTIVITY_E2E = {
  tenantA: "activity-e2e-a",
  tenantB: "activity-e2e-b",
  viewerA: "ada@activity.e2e.test",
  editorA: "abe@activity.e2e.test",
  adminB: "bea@activity.e2e.test",
  superadmin: "root@activity.e2e.test",
  /** flow.run entries in A: more than one page (50). */
  flowRuns: 70,
};

// 70 scheduled runs, half an hour apart, from 2026-01-05 00:00 UTC.
const flowRuns: SeedActivity[] = Array.from({ length: ACTIVITY_E2E.flowRuns }, (_, i) => ({
  at: new Date(Date.UTC(2026, 0, 5, 0, 30 * i)).toISOString(),
  action: "flow.run",
  targetType: "flow",
  targetId: "nightly-sync",
  summary: `"Nightly sync" run ${String(i + 1).padStart(2, "0")}`,
}));

export const activityWorld: SeedWorld = {
  users: [
    { email: "amy@activity.e2e.test", name: "Amy Creator" },
    { email: ACTIVITY_E2E.viewerA, name: "Ada Viewer" },
    { email: ACTIVITY_E2E.editorA, name: "Abe Editor" },
    { email: ACTIVITY_E2E.adminB, name: "Bea Admin" },
    { email: ACTIVITY_E2E.superadmin, name: "Root of the activity world", isSuperadmin: true },
  ],
  tenants: [
    tenant({
      slug: ACTIVITY_E2E.tenantA,
      name: "Activity A",
      contactEmail: "ops@activity-a.e2e.test",
      license: "team",
      flowCap: 10,
      members: members({ [ACTIVITY_E2E.viewerA]: "viewer", [ACTIVITY_E2E.editorA]: "editor" }),
      activity: [
        ...flowRuns,
        { at: "2026-01-10T10:00:00Z", actor: ACTIVITY_E2E.editorA, action: "member.added", targetType: "user", summary: "abe added member one" },
        { at: "2026-01-11T10:00:00Z", actor: ACTIVITY_E2E.editorA, action: "member.added", targetType: "user", summary: "abe added member two, \"quoted\"" },
        { at: "2026-01-11T12:00:00Z", actor: ACTIVITY_E2E.editorA, action: "flow.created", targetType: "flow", targetId: "nightly-sync", summary: "abe created Nightly sync" },
        { at: "2026-01-20T10:00:00Z", actor: ACTIVITY_E2E.editorA, action: "member.added", targetType: "user", summary: "abe added member three" },
      ],
    }),
    tenant({
      slug: ACTIVITY_E2E.tenantB,
      name: "Activity B",
      contactEmail: "ops@activity-b.e2e.test",
      license: "team",
      flowCap: 10,
      members: members({ [ACTIVITY_E2E.adminB]: "admin" }),
      activity: [
        { at: "2026-01-10T09:00:00Z", actor: ACTIVITY_E2E.adminB, action: "member.added", targetType: "flow", targetId: "b-secret-flow", summary: "B secret entry" },
      ],
    }),
  ],
};
