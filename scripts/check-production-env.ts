// `npm start` runs this first: production refuses to start without its configuration, with one line
// that names what is missing.
import { EnvError, missingProductionVariables, parseEnv } from "../lib/env";

const missing = missingProductionVariables();
if (missing.length > 0) {
  console.error(`Cannot start Tenantry in production: missing required environment variable${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}`);
  process.exit(1);
}
// A malformed value (a SECRETS_KEY that is not 32 bytes, a short AUTH_SECRET) refuses the start too,
// instead of the first request that needs it.
try {
  parseEnv();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(`Cannot start Tenantry in production: ${error.message}`);
  process.exit(1);
}
