import type { Metadata } from "next";
import Link from "next/link";
import { withUser, withSystem, type Tx } from "@/db/scopes";
import { AuthCard } from "@/components/ui/auth-card";
import { getSessionUser } from "@/lib/actor";
import { groupsLabel } from "@/lib/permissions";
import { AcceptInvitationForm } from "./accept-form";
import { INVALID_INVITATION_MESSAGE, openInvitationOf } from "./invitation";

export const metadata: Metadata = { title: "Accept invitation" };

/**
 * /join/<slug>?token=: the link an invitation mail carries. Opening it changes nothing (mail scanners
 * follow links); the invited account, signed in, accepts with the button.
 */
export default async function JoinPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { slug } = await params;
  const { token } = await searchParams;
  const user = await getSessionUser();
  const read = (tx: Tx) => openInvitationOf(tx, slug, token, user?.id ?? null);
  const found = user ? await withUser({ userId: user.id }, read) : await withSystem(read);

  if (!found || typeof token !== "string") {
    return (
      <AuthCard title="Invitation">
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {INVALID_INVITATION_MESSAGE}
        </p>
      </AuthCard>
    );
  }

  const { tenant, invitation } = found;
  const here = `/join/${encodeURIComponent(slug)}?${new URLSearchParams({ token })}`;
  return (
    <AuthCard title={`Join ${tenant.name}`}>
      <p className="mb-4 text-sm text-slate-700">
        You are invited to <strong>{tenant.name}</strong> as {groupsLabel(invitation.roles, invitation.groupNames)}, with the address{" "}
        <strong>{invitation.email}</strong>.
      </p>
      {!user ? (
        <Link
          href={`/login?${new URLSearchParams({ callbackUrl: here, email: invitation.email })}`}
          className="inline-block rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white"
        >
          Sign in to accept
        </Link>
      ) : user.id !== invitation.userId ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          You are signed in as {user.email}, but this invitation is for {invitation.email}. Sign out, then open this link again
          and sign in with that address.
        </p>
      ) : (
        <AcceptInvitationForm slug={slug} token={token} />
      )}
    </AuthCard>
  );
}
