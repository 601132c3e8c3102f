"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorMessage } from "@/components/ui/form-message";
import { LiveRegion } from "@/components/ui/live-region";
import { moveWidget, removeWidget } from "../actions";

/** An Editor's controls of one widget: Move up, Move down (disabled at either end) and Remove widget. */
export function WidgetControls({ slug, dashboardId, widgetId, title, first, last }: { slug: string; dashboardId: string; widgetId: string; title: string; first: boolean; last: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const move = (direction: "up" | "down") =>
    startTransition(async () => {
      const result = await moveWidget(slug, null, { dashboardId, widgetId, direction });
      setError(result.ok ? null : result.message);
    });
  return (
    <div className="mt-3 flex flex-wrap items-center gap-2">
      <Button type="button" variant="secondary" disabled={first || pending} onClick={() => move("up")}>
        Move up
      </Button>
      <Button type="button" variant="secondary" disabled={last || pending} onClick={() => move("down")}>
        Move down
      </Button>
      <ConfirmDialog
        triggerLabel="Remove widget"
        title={`Remove ${title}?`}
        confirmLabel="Remove"
        onConfirm={() => removeWidget(slug, null, { dashboardId, widgetId })}
      >
        The widget is removed from this dashboard for everyone. Its data is not touched.
      </ConfirmDialog>
      <LiveRegion>{error && <ErrorMessage>{error}</ErrorMessage>}</LiveRegion>
    </div>
  );
}
