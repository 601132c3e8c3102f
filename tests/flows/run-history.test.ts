// A flow's page lists its runs newest first, in keyset pages whose cursor travels in the URL.
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { flowRuns, flows } from "@/db/schema";
import { listRunsOfFlow } from "@/db/queries/flows";
import { decodeRunCursor, encodeRunCursor } from "@/app/t/[slug]/flows/[flowId]/run-cursor";
import { createTenant } from "../support/fixtures";

describe("run history", () => {
  it("pages through runs newest first without repeating or skipping one, even within one millisecond", async () => {
    const tenant = await createTenant("runs");
    const ids = await withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
      const [flow] = await tx.insert(flows).values({ tenantId: tenant.id, name: "Paged", steps: ["validate"] }).returning();
      // Five runs, two of them a few microseconds apart (JavaScript dates cannot tell them apart).
      const times = ["2026-01-01 10:00:00.000001+00", "2026-01-01 10:00:00.000002+00", "2026-01-01 10:00:01+00", "2026-01-01 10:00:02+00", "2026-01-01 10:00:03+00"];
      const runs = await tx
        .insert(flowRuns)
        .values(times.map((time) => ({ tenantId: tenant.id, flowId: flow!.id, status: "succeeded", startedAt: sql`${time}::timestamptz`, log: [] })))
        .returning({ id: flowRuns.id });
      return { flowId: flow!.id, newestFirst: runs.map((run) => run.id).reverse() };
    });

    const seen: string[] = [];
    let after: ReturnType<typeof decodeRunCursor>;
    for (let page = 0; page < 5; page++) {
      const result = await withTenant({ tenantId: tenant.id, userId: null }, (tx) => listRunsOfFlow(tx, ids.flowId, { after, limit: 2 }));
      seen.push(...result.runs.map((run) => run.id));
      if (!result.next) break;
      // Through the URL and back, as the page does.
      after = decodeRunCursor(encodeRunCursor(result.next));
    }
    expect(seen).toEqual(ids.newestFirst);
  });

  it("ignores a malformed cursor instead of failing", () => {
    const valid = encodeRunCursor({ startedAt: "2026-01-01 10:00:00.5+00", id: "00000000-0000-0000-0000-000000000001" });
    expect(decodeRunCursor(valid)).toEqual({ startedAt: "2026-01-01 10:00:00.5+00", id: "00000000-0000-0000-0000-000000000001" });
    for (const bad of ["", "garbage", Buffer.from('["yesterday","x"]').toString("base64url"), Buffer.from("{").toString("base64url")]) {
      expect(decodeRunCursor(bad), bad).toBeUndefined();
    }
  });
});
