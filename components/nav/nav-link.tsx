"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** A nav link that marks itself as the current page (aria-current) on its route and below it. */
export function NavLink({ href, exact = false, children }: { href: string; exact?: boolean; children: React.ReactNode }) {
  const pathname = usePathname();
  const current = exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className="rounded px-1 hover:underline aria-[current=page]:font-semibold aria-[current=page]:text-blue-800"
    >
      {children}
    </Link>
  );
}
