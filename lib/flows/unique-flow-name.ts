import { withUniqueName } from "@/lib/actions/unique-name";

/** A write whose only expected refusal is the flow's name, taken in this tenant (and environment). */
export const withUniqueFlowName = <T,>(write: () => Promise<T>) =>
  withUniqueName("flows_tenant_name", "A flow with this name already exists in this tenant.", write);
