import { Badge } from "@/components/ui/badge";

const TONE = { succeeded: "green", failed: "red", skipped: "neutral" } as const;

export function RunStatusBadge({ status }: { status: string }) {
  return <Badge tone={TONE[status as keyof typeof TONE] ?? "neutral"}>{status[0]?.toUpperCase() + status.slice(1)}</Badge>;
}
