"use client";

import { useCallback, useEffect, useMemo, useTransition } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { URL_STATES } from "@/lib/url-state/tables";
import { useTableName } from "./table-url-state";
import { noteRendered, noteRequested, queryToBuildOn } from "./requested-address";

export type UrlChanges = Record<string, string | string[] | null | undefined>;

/**
 * The table's state in the URL, parsed by the same definition the server page uses, and `update` to
 * change it. A change to anything but the page goes back to the first page (and drops a keyset
 * cursor), since the old position means nothing in the new result. The next address is the
 * definition's own serialisation: unknown keys and malformed values are dropped, defaults left out.
 */
export function useUrlState() {
  const definition = URL_STATES[useTableName()];
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const rendered = searchParams.toString();
  const state: Record<string, unknown> = useMemo(() => definition.parse(new URLSearchParams(rendered)), [definition, rendered]);
  useEffect(() => noteRendered(pathname, rendered), [pathname, rendered]);

  const update = useCallback(
    (changes: UrlChanges) => {
      // On top of a change still on its way (requested-address.ts), not only of what is rendered.
      const next = new URLSearchParams(queryToBuildOn(pathname, rendered));
      for (const [key, value] of Object.entries(changes)) {
        if (!(definition.keys as readonly string[]).includes(key)) throw new Error(`"${key}" is not part of this table's URL state.`);
        next.delete(key);
        for (const item of value === null || value === undefined ? [] : Array.isArray(value) ? value : [value]) {
          if (item !== "") next.append(key, item);
        }
      }
      if (!("page" in changes)) next.delete("page");
      if (!("cursor" in changes)) next.delete("cursor");
      const nextState = definition.parse(next) as never;
      noteRequested(pathname, definition.serialise(nextState).toString());
      const href = definition.href(pathname, nextState);
      startTransition(() => router.replace(href, { scroll: false }));
    },
    [definition, pathname, router, rendered],
  );

  /** `value` as the table's state would hold it for `key` (trimmed, or "" when it would be dropped). */
  const canonical = useCallback(
    (key: string, value: string) => String((definition.parse(new URLSearchParams([[key, value]])) as Record<string, unknown>)[key] ?? ""),
    [definition],
  );

  return { state, sortable: definition.sortable, update, canonical, pending };
}
