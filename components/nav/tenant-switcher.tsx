"use client";

import { useEffect, useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { TenantAction } from "@/lib/actions/tenant-action";

interface TenantOption {
  slug: string;
  name: string;
  /** Marked "Archived" in the menu (issue 14, item 5): it opens, read-only. */
  archived?: boolean;
}

/**
 * "Switch tenant": a menu button listing the caller's tenants by name. Keyboard: Enter/Space/ArrowDown
 * open it, arrows move, Escape closes and returns focus to the button.
 */
export function TenantSwitcher({
  tenants,
  currentSlug,
  switchTenant,
}: {
  tenants: TenantOption[];
  currentSlug: string;
  switchTenant: TenantAction<{ slug: string }>;
}) {
  const router = useRouter();
  const menuId = useId();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    if (!open) return;
    const current = Math.max(0, tenants.findIndex((t) => t.slug === currentSlug));
    itemRefs.current[current]?.focus();
  }, [open, tenants, currentSlug]);

  function close() {
    setOpen(false);
    buttonRef.current?.focus();
  }

  function choose(slug: string) {
    setOpen(false);
    setError(null);
    startTransition(async () => {
      const result = await switchTenant(slug, null, {});
      if (result.ok) router.push(`/t/${result.data.slug}`);
      else setError(result.message);
    });
  }

  function onMenuKeyDown(event: React.KeyboardEvent) {
    const index = itemRefs.current.findIndex((item) => item === document.activeElement);
    const move = (to: number) => itemRefs.current[(to + tenants.length) % tenants.length]?.focus();
    if (event.key === "ArrowDown") move(index + 1);
    else if (event.key === "ArrowUp") move(index - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(tenants.length - 1);
    else if (event.key === "Escape") close();
    else if (event.key === "Tab") setOpen(false);
    else return;
    event.preventDefault();
  }

  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        disabled={pending}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            setOpen(true);
          }
        }}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100"
      >
        {pending ? "Switching…" : "Switch tenant"}
      </button>
      {open && (
        <div
          id={menuId}
          role="menu"
          aria-label="Your tenants"
          onKeyDown={onMenuKeyDown}
          className="absolute left-0 z-10 mt-2 min-w-56 rounded-md border border-slate-200 bg-white py-1 shadow-lg"
        >
          {tenants.map((tenant, index) => (
            <button
              key={tenant.slug}
              ref={(element) => {
                itemRefs.current[index] = element;
              }}
              type="button"
              role="menuitem"
              tabIndex={-1}
              aria-current={tenant.slug === currentSlug ? "true" : undefined}
              onClick={() => choose(tenant.slug)}
              className="block w-full px-4 py-2 text-left text-sm hover:bg-slate-100 focus:bg-slate-100 aria-[current]:font-semibold"
            >
              {tenant.name}
              {tenant.archived && (
                <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-700">Archived</span>
              )}
            </button>
          ))}
        </div>
      )}
      {error && (
        <p role="alert" className="absolute mt-2 w-64 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
