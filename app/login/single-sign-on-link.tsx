import { SLUG_PATTERN } from "@/lib/tenant-slug";

const NOTICES: Record<string, string> = {
  refused: "Single sign-on did not sign you in. Try again, ask your administrator, or sign in another way if your company allows it.",
  unavailable: "Single sign-on is not available for this company. Sign in another way.",
};

/**
 * "Sign in with single sign-on" under every company's sign-in, real or not (as the company policy
 * does, lib/company-sign-in.ts): only following it says whether the company signs in through an
 * identity provider, and a company without one answers like an unknown one.
 */
export function SingleSignOnLink({ company, returnTo, notice }: { company: string | null; returnTo: string; notice?: string }) {
  if (!company || !SLUG_PATTERN.test(company)) return null;
  const href = `/api/sso/${company}/login?${new URLSearchParams({ callbackUrl: returnTo })}`;
  const message = notice ? NOTICES[notice] : undefined;
  return (
    <div className="mt-6 border-t border-slate-200 pt-4">
      {message && (
        <p role="status" className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {message}
        </p>
      )}
      {/* A plain link: the route answers with a redirect to the identity provider (no script needed). */}
      <a href={href} className="inline-block rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-50 focus:outline-2 focus:outline-blue-600">
        Sign in with single sign-on
      </a>
    </div>
  );
}
