import { redirect } from "next/navigation";
import { withUser } from "@/db/scopes";
import { findLandingTenant } from "@/db/queries/tenants";
import { AuthCard } from "@/components/ui/auth-card";
import { SignOutButton } from "@/components/nav/sign-out-button";
import { requireSessionUser } from "@/lib/actor";
import { isSuperadminNow } from "@/lib/superadmin-access";

// `/` goes to the tenant the user chose last (kept on their account, so it survives new tabs and
// signing out and in), else their first tenant.
export default async function HomePage() {
  const user = await requireSessionUser("/");
  const landing = await withUser({ userId: user.id }, (tx) => findLandingTenant(tx, user.id));
  if (landing) redirect(`/t/${landing.slug}`);
  // A superadmin of a fresh platform belongs to no tenant yet: their place is the console.
  if (await isSuperadminNow(user.id)) redirect("/admin");
  return (
    <AuthCard title="No tenants yet">
      <p className="text-slate-700">
        You are signed in as <strong>{user.email}</strong>, but you are not a member of any tenant. Ask a tenant admin
        to add you.
      </p>
      <div className="mt-6">
        <SignOutButton />
      </div>
    </AuthCard>
  );
}
