// Work queued to run after a commit (the mail outbox wakes its worker this way) runs only once the
// transaction has committed. One hook that throws must neither turn the committed change into a
// failure for the caller (who would retry it) nor keep the next hooks from running; it is logged.
import { afterEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { afterCommit, withSystem } from "@/db/scopes";
import { users } from "@/db/schema";
import { createUser } from "../support/fixtures";

afterEach(() => {
  vi.restoreAllMocks();
});

const nameOf = async (id: string) => (await withSystem((tx) => tx.select({ name: users.name }).from(users).where(eq(users.id, id))))[0]!.name;

describe("after-commit hooks", () => {
  it("run after the commit; a failing one is logged and the change and the other hooks stand", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const user = await createUser("hooked");
    const ran: string[] = [];
    const broken = new Error("the worker could not be woken");
    const result = await withSystem(async (tx) => {
      await tx.update(users).set({ name: "Renamed" }).where(eq(users.id, user.id));
      afterCommit(() => {
        throw broken;
      });
      afterCommit(() => ran.push("second"));
      expect(ran).toEqual([]);
      return "committed";
    });
    expect(result).toBe("committed");
    expect(ran).toEqual(["second"]);
    expect(await nameOf(user.id)).toBe("Renamed");
    expect(logged).toHaveBeenCalledWith("[scopes] an after-commit hook failed:", broken);
  });

  it("do not run when the transaction rolls back", async () => {
    const ran: string[] = [];
    await expect(
      withSystem(async () => {
        afterCommit(() => ran.push("hook"));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(ran).toEqual([]);
  });
});
