import { useId, type ReactNode } from "react";

/**
 * A page's "New …" form in a card: a section named by its heading, so a screen reader's landmark list
 * says what the form creates (e.g. "New flow").
 */
export function FormCard({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="mb-8 rounded-lg border border-slate-200 bg-white p-6">
      <h2 id={headingId} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
