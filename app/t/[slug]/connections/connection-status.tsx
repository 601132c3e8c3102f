import { Badge } from "@/components/ui/badge";
import { STATUS_LABELS } from "@/lib/connections/catalog";
import type { ConnectionStatus } from "@/db/schema";

const TONE = { active: "green", inactive: "neutral", failing: "red" } as const;

export function ConnectionStatusBadge({ status }: { status: ConnectionStatus }) {
  return <Badge tone={TONE[status]}>{STATUS_LABELS[status]}</Badge>;
}
