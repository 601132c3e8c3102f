import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The database drivers load native/WASM files at run time; bundling them breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  poweredByHeader: false,
};

export default nextConfig;
