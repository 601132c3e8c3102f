// What the access review tests share: a tenant whose members differ in groups, status, two-factor,
// sign-in and activity, and a second tenant whose members match every filter, so isolation shows.
import { eq } from "drizzle-orm";
import { withSystem } from "@/db/scopes";
import { users, userTwoFactor } from "@/db/schema";
import { createTenant, createUser } from "../support/fixtures";
import { insertEntries } from "../activity/support";
import { addMemberWith } from "../members/members-support";

/** A confirmed (or pending) second factor; the secret's fields are placeholders, never decrypted here. */
export async function giveTwoFactor(userId: string, confirmed = true) {
  await withSystem((tx) =>
    tx.insert(userTwoFactor).values({ userId, keyId: "test", iv: "iv", authTag: "tag", ciphertext: "secret", confirmedAt: confirmed ? new Date() : null }),
  );
}

export async function setLastSignIn(userId: string, at: string) {
  await withSystem((tx) => tx.update(users).set({ lastSignInAt: new Date(at) }).where(eq(users.id, userId)));
}

/**
 * Tenant A: Ada (Admin, two-factor on, signed in and active), Bob (Editor, two-factor pending so off),
 * Cy (Viewer, suspended), Dee (Viewer + Editor, two-factor on), Zed (Invited Viewer whose account has
 * two-factor and has signed in: none of it the tenant's to see). Tenant B: an Admin with two-factor.
 */
export async function accessReviewWorld() {
  const a = await createTenant("review-a");
  const b = await createTenant("review-b");
  const ada = await createUser("ada");
  const bob = await createUser("bob");
  const cy = await createUser("cy");
  const dee = await createUser("dee");
  const zed = await createUser("zed");
  const outsider = await createUser("ada-outsider");
  await addMemberWith(a.id, ada.id, ["admin"]);
  await addMemberWith(a.id, bob.id, ["editor"]);
  await addMemberWith(a.id, cy.id, ["viewer"], "suspended");
  await addMemberWith(a.id, dee.id, ["viewer", "editor"]);
  await addMemberWith(a.id, zed.id, ["viewer"], "invited");
  await addMemberWith(b.id, outsider.id, ["admin"]);
  await giveTwoFactor(ada.id);
  await giveTwoFactor(bob.id, false);
  await giveTwoFactor(dee.id);
  await giveTwoFactor(zed.id);
  await giveTwoFactor(outsider.id);
  await setLastSignIn(ada.id, "2026-03-01T10:00:00Z");
  await setLastSignIn(zed.id, "2026-03-02T10:00:00Z");
  await setLastSignIn(outsider.id, "2026-03-03T10:00:00Z");
  await insertEntries(a.id, [
    { at: "2026-03-01T11:00:00Z", actorUserId: ada.id, actorEmail: ada.email, action: "flow.created" },
    { at: "2026-03-01T12:00:00Z", actorUserId: ada.id, actorEmail: ada.email, action: "flow.renamed" },
  ]);
  // Ada's newer entry in another tenant must not count as her last activity in A.
  await addMemberWith(b.id, ada.id, ["viewer"]);
  await insertEntries(b.id, [{ at: "2026-03-05T12:00:00Z", actorUserId: ada.id, actorEmail: ada.email, action: "flow.created" }]);
  return { a, b, ada, bob, cy, dee, zed, outsider };
}
