// Spreadsheet safety for every character Excel and LibreOffice treat as the start of a formula
// (OWASP "CSV injection"): each gets the leading apostrophe, and nothing else does.
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { activityCsvStream, neutraliseFormula } from "@/lib/activity/csv-export";
import type { ActivityRow } from "@/db/queries/activity/sql";

const FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"];

function row(summary: string, index: number): ActivityRow {
  return {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
    createdAt: "2026-01-10T00:00:00.000Z",
    actorEmail: null,
    actorUserId: null,
    action: "flow.run",
    targetType: null,
    targetId: null,
    summary,
    ip: null,
    details: null,
  } as unknown as ActivityRow;
}

describe("CSV formula neutralising", () => {
  it.each(FORMULA_STARTS)("prefixes a cell starting with %j", (start) => {
    expect(neutraliseFormula(`${start}cmd|' /C calc'!A0`)).toBe(`'${start}cmd|' /C calc'!A0`);
  });

  it("leaves cells that only contain those characters later unchanged", () => {
    expect(neutraliseFormula("a=b+c-d@e")).toBe("a=b+c-d@e");
    expect(neutraliseFormula(" =1")).toBe(" =1");
  });

  it("neutralises every formula start in the exported file itself", async () => {
    const rows = FORMULA_STARTS.map((start, i) => row(`${start}1+1`, i));
    const stream = activityCsvStream(async (after) => (after ? [] : rows), 100);
    const text = await new Response(stream).text();
    const summaries = (parse(text, { columns: true }) as { summary: string }[]).map((r) => r.summary);
    expect(summaries).toEqual(FORMULA_STARTS.map((start) => `'${start}1+1`));
  });
});
