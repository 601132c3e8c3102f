// A page that fails because the database is unreachable answers 503 with Retry-After, not 500: the
// outage is temporary and says nothing about the request (load balancers and browsers treat a 503 as
// "try again later"). The scope helpers note the outage on the request (db/availability.ts); the
// status is changed where Node.js writes it, whichever way Next.js sets it.
import type { ServerResponse } from "node:http";
import { runNotingDatabaseOutage } from "../db/availability";

export const RETRY_AFTER_SECONDS = 5;

/** Runs one request's handling; its 500, when the database was unavailable, goes out as a 503. */
export function answer503OnDatabaseOutage<T>(response: ServerResponse, work: () => T): T {
  const outage = { databaseUnavailable: false };
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
    if (statusCode === 500 && outage.databaseUnavailable) {
      this.setHeader("retry-after", String(RETRY_AFTER_SECONDS));
      this.statusMessage = "Service Unavailable";
      return (writeHead as (...a: unknown[]) => ServerResponse).call(this, 503, ...rest.filter((part) => typeof part !== "string"));
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).call(this, statusCode, ...rest);
  } as typeof response.writeHead;
  return runNotingDatabaseOutage(outage, work);
}
