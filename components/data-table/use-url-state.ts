"use client";

import { useCallback, useTransition } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";

export type UrlChanges = Record<string, string | string[] | null | undefined>;

/**
 * Writes table state into the URL. A change to anything but the page goes back to the first page
 * (and drops a keyset cursor), since the old position means nothing in the new result.
 */
export function useUrlState() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();

  const update = useCallback(
    (changes: UrlChanges) => {
      const next = new URLSearchParams(searchParams.toString());
      for (const [key, value] of Object.entries(changes)) {
        next.delete(key);
        for (const item of value === null || value === undefined ? [] : Array.isArray(value) ? value : [value]) {
          if (item !== "") next.append(key, item);
        }
      }
      if (!("page" in changes)) next.delete("page");
      if (!("cursor" in changes)) next.delete("cursor");
      const query = next.toString();
      startTransition(() => router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false }));
    },
    [pathname, router, searchParams],
  );

  return { searchParams, update, pending };
}
