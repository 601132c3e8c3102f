// `npm start` runs this first: production refuses to start without its configuration, with one line
// that names what is missing.
import { missingProductionVariables } from "../lib/env";

const missing = missingProductionVariables();
if (missing.length > 0) {
  console.error(`Cannot start Tenantry in production: missing required environment variable${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}`);
  process.exit(1);
}
