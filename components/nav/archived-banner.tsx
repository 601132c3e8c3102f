import Link from "next/link";

/** Shown on every page of an archived tenant: it is read-only until an Admin or a superadmin restores it. */
export function ArchivedBanner({ tenantName, slug }: { tenantName: string; slug: string }) {
  return (
    <section aria-label="Archived tenant" className="border-b border-slate-300 bg-slate-100 text-slate-900">
      <p className="mx-auto max-w-6xl px-6 py-2 text-sm">
        <strong>{tenantName} is archived.</strong> You can see everything, but nothing can be changed, flows do not run
        and API keys are refused until it is restored (<Link href={`/t/${slug}/settings#archive-heading`} className="underline">Settings</Link>).
      </p>
    </section>
  );
}
