// The action × caller matrix for actions only a tenant's Admins may run (credentials, API keys, single
// sign-on): every kind of caller against tenant A of two tenants, with the answer each must get, a
// session bound to a tenant by its single sign-on included (so the file's auth mock must answer
// tests/support/session.ts's mockedSession(), which carries the binding). A refusal must change
// nothing (the caller's `snapshot` of the tenant is the same before and after); a success must have
// done its work and written exactly one activity entry.
import { expect, it } from "vitest";
import { withTenant } from "@/db/scopes";
import { memberships } from "@/db/schema";
import type { ActionResult } from "@/lib/action-result";
import { addMember, createTwoTenants, createUser } from "./fixtures";
import { actingAs } from "./session";

type User = { id: string; email: string };

const EXPECTED: Record<string, "ok" | "FORBIDDEN" | "NOT_FOUND" | "UNAUTHENTICATED"> = {
  Viewer: "FORBIDDEN",
  Editor: "FORBIDDEN",
  Admin: "ok",
  "Admin of another tenant": "NOT_FOUND",
  "suspended Admin": "NOT_FOUND",
  "signed-out visitor": "UNAUTHENTICATED",
  // An Admin of both tenants whose session B's single sign-on opened: bound to B, signed out in A.
  "Admin signed in by another tenant's single sign-on": "UNAUTHENTICATED",
  "Admin signed in by this tenant's single sign-on": "ok",
};

/** An action with a fresh target per test (`prepare`), and what its success must have done. */
export interface MatrixAction {
  prepare(): Promise<unknown>;
  // `never`: each action takes its own kind of target, which is whatever its `prepare` made.
  call(slug: string, target: never): Promise<ActionResult<unknown>>;
  succeeded(target: never): Promise<void>;
}

/** Two tenants; tenant A also has a Viewer, an Editor and a suspended Admin: every kind of caller. */
export async function adminOnlyWorld() {
  const world = await createTwoTenants();
  const [viewer, editor, suspended] = [await createUser("viewer"), await createUser("editor"), await createUser("suspended")];
  await addMember(world.a.id, viewer.id, ["viewer"]);
  await addMember(world.a.id, editor.id, ["editor"]);
  const tenantId = world.a.id;
  await withTenant({ tenantId, userId: null }, (tx) => tx.insert(memberships).values({ tenantId, userId: suspended.id, roles: ["admin"], status: "suspended" }));
  const adminOfBoth = await createUser("admin-of-both");
  await addMember(world.a.id, adminOfBoth.id, ["admin"]);
  await addMember(world.b.id, adminOfBoth.id, ["admin"]);
  const callers: Record<string, (User & { ssoTenantId?: string }) | null> = {
    Viewer: viewer,
    Editor: editor,
    Admin: world.adminA,
    "Admin of another tenant": world.adminB,
    "suspended Admin": suspended,
    "signed-out visitor": null,
    "Admin signed in by another tenant's single sign-on": { ...adminOfBoth, ssoTenantId: world.b.id },
    "Admin signed in by this tenant's single sign-on": { ...world.adminA, ssoTenantId: world.a.id },
  };
  return { ...world, callers };
}

export type MatrixWorld = Awaited<ReturnType<typeof adminOnlyWorld>>;

/** One test per action and caller, in tenant A of `world()` (set up by the file's beforeAll). */
export function adminOnlyMatrix(options: {
  world: () => MatrixWorld;
  actions: Record<string, MatrixAction>;
  snapshot(tenantId: string): Promise<{ activityEntries: number | undefined }>;
}) {
  for (const [actionName, action] of Object.entries(options.actions)) {
    for (const [caller, expected] of Object.entries(EXPECTED)) {
      it(`${actionName} by ${caller}: ${expected}`, async () => {
        const { a, callers } = options.world();
        const target = (await action.prepare()) as never;
        const before = await options.snapshot(a.id);
        const result = await actingAs(callers[caller]!, () => action.call(a.slug, target));
        if (expected === "ok") {
          expect(result).toMatchObject({ ok: true });
          await action.succeeded(target);
          expect((await options.snapshot(a.id)).activityEntries).toBe(Number(before.activityEntries) + 1);
          return;
        }
        expect(result).toMatchObject({ ok: false, code: expected });
        expect(await options.snapshot(a.id)).toEqual(before);
      });
    }
  }
}
