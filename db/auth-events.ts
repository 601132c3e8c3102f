// Sign-in and sign-out entries. Written in the transaction that creates or deletes the session
// (Auth.js's adapter for magic links, lib/password-sign-in.ts for passwords), into the log of the
// tenant the user lands in.
import { enterTenant, enterUser, type Tx } from "./scopes";
import { recordActivity } from "./queries/activity/tenant-log";
import { findLandingTenant } from "./queries/tenants";
import { getUserEmail, recordSignInTime } from "./queries/users";
import type { AuthMethod } from "./schema";

export async function recordAuthEvent(
  tx: Tx,
  event: { userId: string; kind: "signed_in" | "signed_out"; ip: string | null; method?: AuthMethod },
): Promise<void> {
  const { userId, kind, ip, method } = event;
  // Before the tenant check: a user with no tenant yet has signed in all the same.
  if (kind === "signed_in") await recordSignInTime(tx, userId);
  const asUser = await enterUser(tx, { userId });
  const tenant = await findLandingTenant(asUser, userId);
  if (!tenant) return; // no tenant yet: no tenant log to write into
  const email = await getUserEmail(asUser, userId);
  const inTenant = await enterTenant(tx, { tenantId: tenant.id, userId });
  const how = method === "password" ? " with a password" : method === "magic_link" ? " with an email link" : "";
  await recordActivity(inTenant, {
    actorUserId: userId,
    actorEmail: email,
    action: `auth.${kind}`,
    targetType: "user",
    targetId: userId,
    summary: `${email} ${kind === "signed_in" ? `signed in${how}` : "signed out"}`,
    details: method ? { method } : null,
    ip,
  });
}
