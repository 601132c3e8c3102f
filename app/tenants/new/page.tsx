import type { Metadata } from "next";
import Link from "next/link";
import { withUser } from "@/db/scopes";
import { countTenantsOwnedBy, findLandingTenant } from "@/db/queries/tenants";
import { getTenantCreationAllowance } from "@/db/queries/users";
import { AuthCard } from "@/components/ui/auth-card";
import { requireSessionUser } from "@/lib/actor";
import { tenantCreationRefusal } from "@/lib/tenant-allowance";
import { CreateTenantForm } from "./create-tenant-form";

export const metadata: Metadata = { title: "Create tenant" };

export default async function NewTenantPage() {
  const user = await requireSessionUser("/tenants/new");
  const { allowance, owned, landing } = await withUser({ userId: user.id }, async (tx) => ({
    allowance: await getTenantCreationAllowance(tx, user.id),
    owned: await countTenantsOwnedBy(tx, user.id),
    landing: await findLandingTenant(tx, user.id),
  }));
  const refusal = allowance ? tenantCreationRefusal({ ...allowance, owned }) : "Your account cannot create tenants.";
  return (
    <AuthCard title="Create tenant">
      {refusal ? (
        <p role="status" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {refusal}
        </p>
      ) : (
        <p className="mb-4 text-sm text-slate-600">
          You will be its first Admin. You own {owned} of the {allowance!.tenantLimit} tenant
          {allowance!.tenantLimit === 1 ? "" : "s"} your account may create.
        </p>
      )}
      <CreateTenantForm disabled={Boolean(refusal)} />
      <Link href={landing ? `/t/${landing.slug}` : "/"} className="mt-6 inline-block text-sm text-blue-700 underline">
        {landing ? `Back to ${landing.name}` : "Back"}
      </Link>
    </AuthCard>
  );
}
