// How a group's flow scope reads: the radio buttons' names on the group page and the activity entries.
export const FLOW_SCOPE_LABELS = { all: "All flows", selected: "Only these flows" } as const;
export type FlowScope = keyof typeof FLOW_SCOPE_LABELS;
