// Attack (or accident): the runtime role comes to own a table, say one created by hand while logged in
// as it. A table's owner is not held by its row-level security unless forced, and may change or drop
// its policies, so the app refuses to run any scoped query until that is undone, and says why.
import "../support/own-database";
import { describe, expect, it } from "vitest";
import { executeAsOwner, RUNTIME_ROLE } from "@/db/catalog";
import { withSystem } from "@/db/scopes";
import { uniqueSuffix } from "../support/fixtures";

describe("the start-up check of the runtime role", () => {
  it("refuses every scoped query while the runtime role owns a table, naming it, and runs again once it does not", async () => {
    const table = `stray_${uniqueSuffix()}`;
    await executeAsOwner(`create table ${table} (id int)`, `alter table ${table} owner to ${RUNTIME_ROLE}`);
    try {
      const refusal = `Refusing to run: database role ${RUNTIME_ROLE} owns tables (${table}). Row-level security would not isolate tenants for this role.`;
      let ran = false;
      const work = async () => {
        ran = true;
      };
      await expect(withSystem(work)).rejects.toThrow(refusal);
      // Refused again on the next call (a failed check is not remembered as passed).
      await expect(withSystem(work)).rejects.toThrow(refusal);
      expect(ran).toBe(false);
    } finally {
      await executeAsOwner(`drop table ${table}`);
    }
    await expect(withSystem(async () => "ran")).resolves.toBe("ran");
  });
});
