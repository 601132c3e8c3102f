import Link from "next/link";
import { redirect } from "next/navigation";
import { withUser } from "@/db/scopes";
import { findLandingTenant, listTenantsOfUser } from "@/db/queries/tenants";
import { getTenantCreationAllowance } from "@/db/queries/users";
import { AuthCard } from "@/components/ui/auth-card";
import { SignOutButton } from "@/components/nav/sign-out-button";
import { getTenantSessionUser, requireSessionUser } from "@/lib/actor";
import { isTenantBoundSession, sessionEntersTenant } from "@/lib/sso/session-binding";

// `/` goes to the tenant the user chose last (kept on their account, so it survives new tabs and
// signing out and in), else their first tenant; a session a tenant's single sign-on opened, to that
// tenant (the only one it enters: lib/sso/session-binding.ts).
export default async function HomePage() {
  const bound = await getTenantSessionUser();
  if (bound && isTenantBoundSession(bound)) {
    const own = (await withUser({ userId: bound.id }, (tx) => listTenantsOfUser(tx, bound.id))).find((tenant) => sessionEntersTenant(bound, tenant.id));
    redirect(own ? `/t/${own.slug}` : "/login");
  }
  const user = await requireSessionUser("/");
  const { landing, allowance } = await withUser({ userId: user.id }, async (tx) => ({
    landing: await findLandingTenant(tx, user.id),
    allowance: await getTenantCreationAllowance(tx, user.id),
  }));
  if (landing) redirect(`/t/${landing.slug}`);
  // A superadmin of a fresh platform belongs to no tenant yet: their place is the console.
  if (allowance?.isSuperadmin) redirect("/admin");
  return (
    <AuthCard title="No tenants yet">
      <p className="text-slate-700">
        You are signed in as <strong>{user.email}</strong>, but you are not a member of any tenant.{" "}
        {allowance?.canCreateTenants ? "Create one, or ask a tenant admin to add you." : "Ask a tenant admin to add you."}
      </p>
      <div className="mt-6 flex flex-wrap items-center gap-4">
        {allowance?.canCreateTenants && (
          <Link href="/tenants/new" className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
            Create tenant
          </Link>
        )}
        <Link href="/profile" className="text-sm text-blue-700 underline">
          Profile
        </Link>
        <SignOutButton />
      </div>
    </AuthCard>
  );
}
