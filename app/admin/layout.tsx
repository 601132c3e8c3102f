import type { Metadata } from "next";
import { requireSuperadmin } from "@/lib/platform-page";
import { AdminNav } from "./admin-nav";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin · Tenantry" } };

// The superadmin console. Not a superadmin (signed out included): the ordinary 404, whatever the URL.
// This check gates the chrome only, on proxy.ts's verdict for the request (no transaction of its own);
// each page checks the flag and the two-factor requirement in its own transaction (withPlatformPage).
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const superadmin = await requireSuperadmin();
  return (
    <>
      <AdminNav email={superadmin.email} />
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </>
  );
}
