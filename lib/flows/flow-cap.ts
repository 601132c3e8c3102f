// The tenant's flow cap, refused the same way wherever a flow is added (a new flow, a flow made from a
// workspace template). The caller locked the tenant row (lockTenant), so parallel adds count in turn.
import { ActionError } from "@/lib/actions/core";

export function requireRoomForFlow(capacity: { flowCount: number; flowCap: number }) {
  if (capacity.flowCount >= capacity.flowCap) {
    throw new ActionError(
      "CONFLICT",
      `This tenant has reached its flow cap (${capacity.flowCount} of ${capacity.flowCap} flows). ` + "Delete a flow, or ask a superadmin to raise the cap.",
    );
  }
}
