// The classes are in app/globals.css (.badge, .badge-<tone>): a table repeats its badges on every row.
export function Badge({ tone = "neutral", children }: { tone?: "neutral" | "blue" | "green" | "amber" | "red"; children: React.ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
