// The environments as pages name them, free of zod and of the schema's driver code so client components may import it.
import { ENVIRONMENTS, type Environment } from "@/db/schema/environments";

export { ENVIRONMENTS, type Environment };

export const DEFAULT_ENVIRONMENT: Environment = "production";

export const ENVIRONMENT_LABELS = { development: "Development", staging: "Staging", production: "Production" } as const satisfies Record<Environment, string>;

/** The flows pages' address for an environment (Production's is the plain one). */
export function withEnvironment(path: string, environment: Environment): string {
  return environment === DEFAULT_ENVIRONMENT ? path : `${path}${path.includes("?") ? "&" : "?"}env=${environment}`;
}
