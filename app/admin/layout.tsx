import type { Metadata } from "next";
import { requireSuperadmin } from "@/lib/platform-page";
import { AdminNav } from "./admin-nav";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin · Tenantry" } };

// The superadmin console. Not a superadmin (signed out included): the ordinary 404, whatever the URL.
// Each page checks again in its own transaction (withPlatformPage); this check gates the chrome.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const superadmin = await requireSuperadmin();
  return (
    <>
      <AdminNav email={superadmin.email} />
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </>
  );
}
