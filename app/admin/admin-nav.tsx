import Link from "next/link";
import { NavLink } from "@/components/nav/nav-link";
import { SignOutButton } from "@/components/nav/sign-out-button";

const ADMIN_PAGES = [
  { label: "Tenants", href: "/admin", exact: true },
  { label: "Users", href: "/admin/users", exact: false },
  { label: "Activity", href: "/admin/activity", exact: false },
  { label: "Integrations", href: "/admin/integrations", exact: false },
  { label: "Templates", href: "/admin/templates", exact: false },
];

export function AdminNav({ email }: { email: string }) {
  return (
    <header className="border-b border-slate-200 bg-slate-900 text-white">
      <nav aria-label="Admin" className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-6 py-3">
        <Link href="/admin" className="text-lg font-semibold">
          Tenantry admin
        </Link>
        <ul className="flex gap-4 text-sm [&_a[aria-current=page]]:text-amber-300">
          {ADMIN_PAGES.map((page) => (
            <li key={page.href}>
              <NavLink href={page.href} exact={page.exact}>
                {page.label}
              </NavLink>
            </li>
          ))}
        </ul>
        <div className="ml-auto flex items-center gap-3 text-sm text-slate-300">
          <Link href="/" className="hover:underline">
            Your tenants
          </Link>
          <span>{email}</span>
          <SignOutButton />
        </div>
      </nav>
    </header>
  );
}
