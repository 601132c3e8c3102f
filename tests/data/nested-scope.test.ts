// A scope helper called while another scope's transaction is open (issue 14: a test read a dashboard's
// widgets in their own scope inside a tenant scope, and hung). On the embedded database (PGlite, the
// demo's) the outer transaction holds its one connection, so the inner one would wait forever: it is
// refused at once instead, and the outer transaction rolls back. Work that outlives the transaction
// (after its commit) may open a scope of its own. On PostgreSQL a nested scope would take a second
// pooled connection (under load, a pool whose every connection waits for another): refused there too
// outside production (tests, development), and in production logged and let through.
import { describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { afterCommit, NestedScopeError, nestedScopePolicy, withSystem } from "@/db/scopes";
import { users } from "@/db/schema";
import { createUser } from "../support/fixtures";

const onPglite = process.env.DATABASE_URL?.startsWith("pglite:") ?? false;
const nameOf = async (id: string) => (await withSystem((tx) => tx.select({ name: users.name }).from(users).where(eq(users.id, id))))[0]!.name;

describe("a scope opened inside another scope's transaction", () => {
  it("is refused at once, and the outer transaction rolls back (on the embedded database and on PostgreSQL outside production)", async () => {
    const user = await createUser("nested");
    const outer = withSystem(async (tx) => {
      await tx.update(users).set({ name: "Changed" }).where(eq(users.id, user.id));
      await withSystem((inner) => inner.select().from(users).limit(1));
    });
    await expect(outer).rejects.toBeInstanceOf(NestedScopeError);
    expect(await nameOf(user.id)).not.toBe("Changed");
  }, 5_000);

  it("is refused everywhere but on PostgreSQL in production, where it is logged", () => {
    expect(nestedScopePolicy("pglite", "production")).toBe("refuse");
    expect(nestedScopePolicy("pglite", "test")).toBe("refuse");
    expect(nestedScopePolicy("postgres", "test")).toBe("refuse");
    expect(nestedScopePolicy("postgres", "development")).toBe("refuse");
    expect(nestedScopePolicy("postgres", undefined)).toBe("refuse");
    expect(nestedScopePolicy("postgres", "production")).toBe("log");
  });

  it.runIf(!onPglite)("in production on PostgreSQL, takes a second connection and logs where it was opened", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const read = await withSystem(async () => withSystem((inner) => inner.select({ id: users.id }).from(users).limit(1)));
      expect(read).toHaveLength(1);
      expect(logged).toHaveBeenCalledWith(expect.stringContaining("inside another scope's open transaction"), expect.stringContaining("nested-scope.test.ts"));
    } finally {
      logged.mockRestore();
      vi.unstubAllEnvs();
    }
  });

  it("may be opened once the outer transaction has ended, from work it started (an after-commit hook)", async () => {
    const user = await createUser("after");
    let later: Promise<string | null> | undefined;
    await withSystem(async (tx) => {
      await tx.update(users).set({ name: "Committed" }).where(eq(users.id, user.id));
      afterCommit(() => {
        later = nameOf(user.id);
      });
    });
    expect(await later).toBe("Committed");
  }, 5_000);
});
