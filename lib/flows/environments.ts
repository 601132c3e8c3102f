// A tenant's three environments (issue 16): their labels (the switcher's link names), the URL field
// that picks one in the flows pages (`?env=`), and the form field actions parse. Production is the
// default everywhere: the flows made before environments existed are Production's.
import { z } from "zod";
import { oneOf } from "@/lib/url-state/fields";
import { DEFAULT_ENVIRONMENT, ENVIRONMENTS, type Environment } from "./environment-labels";

export * from "./environment-labels";

/** `?env=` in the flows pages; anything else is Production. */
export const environmentField = oneOf(ENVIRONMENTS, DEFAULT_ENVIRONMENT);

/** An action's environment field: absent means Production (the REST API and older forms send none; see environmentOf). */
export const EnvironmentInput = z.enum(ENVIRONMENTS, { error: "Choose Development, Staging or Production." }).optional();

/** The environment an action's input means. */
export const environmentOf = (input: { environment?: Environment }): Environment => input.environment ?? DEFAULT_ENVIRONMENT;
