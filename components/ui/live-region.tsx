/**
 * A polite live region that is in the page before anything is said in it: screen readers announce a
 * change inside a region they already know, but usually not a region that arrives with its text. Put
 * the message inside it (a role="status" element for a success, role="alert" for a failure), and
 * render the region itself unconditionally, outside anything that is re-created on submit (a form
 * with key={version}). `inline` makes it a span, for use inside phrasing content.
 */
export function LiveRegion({ children, className, inline = false }: { children?: React.ReactNode; className?: string; inline?: boolean }) {
  const Element = inline ? "span" : "div";
  return (
    <Element aria-live="polite" className={className}>
      {children}
    </Element>
  );
}
