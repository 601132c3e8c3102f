// A tenant's three environments (issue 16): their labels (the switcher's link names), the URL field
// that picks one in the flows pages (`?env=`), and the form field actions parse. Production is the
// default everywhere: the flows made before environments existed are Production's.
import { z } from "zod";
import { ENVIRONMENTS, type Environment } from "@/db/schema/flows";
import { oneOf } from "@/lib/url-state/fields";

export { ENVIRONMENTS, type Environment };

export const DEFAULT_ENVIRONMENT: Environment = "production";

export const ENVIRONMENT_LABELS = { development: "Development", staging: "Staging", production: "Production" } as const satisfies Record<Environment, string>;

/** `?env=` in the flows pages; anything else is Production. */
export const environmentField = oneOf(ENVIRONMENTS, DEFAULT_ENVIRONMENT);

/** An action's environment field: absent means Production (the REST API and older forms send none; see environmentOf). */
export const EnvironmentInput = z.enum(ENVIRONMENTS, { error: "Choose Development, Staging or Production." }).optional();

/** The environment an action's input means. */
export const environmentOf = (input: { environment?: Environment }): Environment => input.environment ?? DEFAULT_ENVIRONMENT;

/** The flows pages' address for an environment (Production's is the plain one). */
export function withEnvironment(path: string, environment: Environment): string {
  return environment === DEFAULT_ENVIRONMENT ? path : `${path}${path.includes("?") ? "&" : "?"}env=${environment}`;
}
