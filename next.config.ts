import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The database drivers load native/WASM files at run time; bundling them breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  poweredByHeader: false,
  // forbidden() and app/forbidden.tsx: the 403 page of an address a tenant's IP allow-lists refuse.
  // serverActions.bodySizeLimit: a tenant data file is uploaded to the import action (at most 50 MB,
  // lib/tenant-export/import-action.ts); the default 1 MB would refuse a tenant with a few thousand rows.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "51mb" } },
  // On every response, static files included (proxy.ts sets the other security headers).
  async headers() {
    return [{ source: "/:path*", headers: [{ key: "X-Content-Type-Options", value: "nosniff" }] }];
  },
};

export default nextConfig;
