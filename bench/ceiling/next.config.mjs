// The ceiling for `npm run bench:pages`: a bare Next.js app, built and started beside Tenantry, so
// each page's speed is read against the framework's own on the same machine in the same run.
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Its packages are the repository's (node_modules two folders up).
  outputFileTracingRoot: path.resolve(here, "../.."),
};

export default nextConfig;
