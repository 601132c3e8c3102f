// The callers every "action x caller" matrix of an Editor's action tries in tenant A of two tenants,
// and what each gets (null = allowed): a Viewer is refused, a non-member or suspended member finds
// nothing (NOT_FOUND, so nothing is revealed), a signed-out caller is asked to sign in.
import { withTenant } from "@/db/scopes";
import { memberships } from "@/db/schema";
import { addMember, createUser, type createTwoTenants } from "./fixtures";

type User = { id: string; email: string };

export const EDITOR_ACTION_REFUSALS: Record<string, string | null> = {
  viewer: "FORBIDDEN",
  editor: null,
  admin: null,
  "admin of another tenant": "NOT_FOUND",
  suspended: "NOT_FOUND",
  "signed out": "UNAUTHENTICATED",
};

/** Adds a Viewer, an Editor and a suspended Admin to tenant A; the callers by the names above. */
export async function editorActionCallers(world: Awaited<ReturnType<typeof createTwoTenants>>): Promise<Record<string, User | null>> {
  const [viewer, editor, suspended] = [await createUser("viewer"), await createUser("editor"), await createUser("suspended")];
  await addMember(world.a.id, viewer.id, ["viewer"]);
  await addMember(world.a.id, editor.id, ["editor"]);
  await withTenant({ tenantId: world.a.id, userId: null }, (tx) =>
    tx.insert(memberships).values({ tenantId: world.a.id, userId: suspended.id, roles: ["admin"], status: "suspended" }),
  );
  return { viewer, editor, admin: world.adminA, "admin of another tenant": world.adminB, suspended, "signed out": null };
}
