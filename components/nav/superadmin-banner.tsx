import Link from "next/link";

/** Shown on every page of a tenant a superadmin entered without being a member of it. */
export function SuperadminBanner({ tenantName }: { tenantName: string }) {
  return (
    <section aria-label="Superadmin access" className="border-b border-amber-300 bg-amber-100 text-amber-950">
      <p className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-2 px-6 py-2 text-sm">
        <strong>You are in {tenantName} as a superadmin, not as a member.</strong>
        <span>Every page you view and every change you make is recorded in this tenant&apos;s activity log.</span>
        <Link href="/admin" className="underline">
          Back to admin
        </Link>
      </p>
    </section>
  );
}
