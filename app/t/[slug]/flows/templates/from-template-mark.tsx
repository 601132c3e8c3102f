import Link from "next/link";

/** Marks a flow made from a workspace template, linking to where it is customised. */
export function FromTemplateMark({ slug, useId, templateName }: { slug: string; useId: string; templateName: string }) {
  return (
    <Link href={`/t/${slug}/flows/templates/${useId}`} className="rounded bg-indigo-50 px-2 py-0.5 text-xs text-indigo-900 hover:underline">
      {`From template ${templateName}`}
    </Link>
  );
}
