"use client";

import { useEffect } from "react";

/**
 * What "Use template" answered when it made the flow "<name> (template)", shown on the page it opened
 * (the button that got the answer is gone with the page it was on). The `?made=` flag that asked for it
 * is dropped from the address at once, so a reload, or the refresh after the next change here, does not
 * say it again as if it were new.
 */
export function MadeBesideFlowNotice({ message }: { message: string }) {
  useEffect(() => {
    const url = new URL(window.location.href);
    url.searchParams.delete("made");
    // No state of our own: Next.js then takes the new address into its router (a refresh asks for it).
    window.history.replaceState(null, "", url);
  }, []);
  return (
    <p role="status" className="mb-4 rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
      {message}
    </p>
  );
}
