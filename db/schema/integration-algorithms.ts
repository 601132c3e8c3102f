// The algorithms an integration's tokens may be signed with (integrations.algorithm): plain values with
// no imports, so the create form can offer them without the schema's driver code.
export const INTEGRATION_ALGORITHMS = ["HS256", "RS256", "ES256"] as const;
export type IntegrationAlgorithm = (typeof INTEGRATION_ALGORITHMS)[number];
