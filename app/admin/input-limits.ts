// The superadmin forms' upper limits: plain numbers the tables show in the browser, apart from the zod
// shapes in inputs.ts, so those tables do not bring zod into the browser.
export const MAX_FLOW_CAP = 1_000_000;
export const MAX_TENANT_LIMIT = 1000;
export const MAX_API_REQUESTS_PER_MINUTE = 1_000_000;
export const MAX_FLOW_RUNS_PER_30_DAYS = 10_000_000;
