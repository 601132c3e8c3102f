import type { Metadata } from "next";
import { LoginView, type LoginSearchParams } from "../login-view";

export const metadata: Metadata = { title: "Sign in" };

/**
 * /login/<slug>: the sign-in with Company filled. The static segments beside it (check-email, error,
 * verify, two-factor) win over this one, so those words are reserved tenant slugs (lib/tenant-slug.ts).
 */
export default async function CompanyLoginPage({
  params,
  searchParams,
}: {
  params: Promise<{ company: string }>;
  searchParams: Promise<LoginSearchParams>;
}) {
  const [{ company }, query] = await Promise.all([params, searchParams]);
  return <LoginView params={query} company={company} />;
}
