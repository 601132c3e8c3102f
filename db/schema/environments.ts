// The environments a flow lives in (flows.environment and the tables beside it): plain values with no
// imports, so client components (the flows table, the environment switcher) can use them without the
// schema's driver code.
export const ENVIRONMENTS = ["development", "staging", "production"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];
