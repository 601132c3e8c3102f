import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The database drivers load native/WASM files at run time; bundling them breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  poweredByHeader: false,
  // forbidden() and app/forbidden.tsx: the 403 page of an address a tenant's IP allow-lists refuse.
  experimental: { authInterrupts: true },
  // On every response, static files included (proxy.ts sets the other security headers).
  async headers() {
    return [{ source: "/:path*", headers: [{ key: "X-Content-Type-Options", value: "nosniff" }] }];
  },
};

export default nextConfig;
