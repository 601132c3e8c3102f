// The tenant nav's links: "Connections" only for callers holding connections.read (every built-in
// role does; a member whose only grants are a custom group's without it does not), the Admin pages
// only for Admins. Rendered through the real TenantNav, so a link listed without its check fails here.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import type { PermissionHolder } from "@/lib/permissions";

vi.mock("next/navigation", () => ({ usePathname: () => "/t/acme", useRouter: () => ({ push: () => {}, refresh: () => {} }) }));

const { TenantNav } = await import("@/components/nav/tenant-nav");
const { tenantNavPages } = await import("@/components/nav/tenant-pages");

const tenant = { id: "00000000-0000-4000-8000-000000000001", slug: "acme", name: "Acme" } as Parameters<typeof TenantNav>[0]["tenant"];

function linksFor(holder: PermissionHolder, showAdminPages = false) {
  const html = renderToStaticMarkup(createElement(TenantNav, { tenant, tenants: [], email: "someone@example.test", holder, showAdminPages }));
  return [...html.matchAll(/<a [^>]*href="\/t\/acme([^"]*)"[^>]*>([^<]*)<\/a>/g)].map((match) => match[2]);
}

describe("the tenant nav", () => {
  it.each(["viewer", "editor", "admin"] as const)("shows Connections to a %s (the role holds connections.read)", (role) => {
    expect(linksFor({ roles: [role] })).toContain("Connections");
  });

  it("hides Connections from a caller without connections.read, and shows it when a custom group grants it", () => {
    const without = linksFor({ roles: [], groupPermissions: ["tables.read", "flows.read"] });
    expect(without).not.toContain("Connections");
    expect(without).toContain("Tables");
    expect(linksFor({ roles: [], groupPermissions: ["connections.read"] })).toContain("Connections");
  });

  it("lists the Admin pages only when asked", () => {
    expect(tenantNavPages({ roles: ["viewer"] }, false).map((page) => page.label)).not.toContain("API keys");
    expect(tenantNavPages({ roles: ["admin"] }, true).map((page) => page.label)).toContain("API keys");
  });
});
