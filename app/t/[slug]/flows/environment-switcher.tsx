import Link from "next/link";
import { ENVIRONMENT_LABELS, ENVIRONMENTS, withEnvironment, type Environment } from "@/lib/flows/environments";

/** The flows pages' environment, kept in the URL (`?env=`): one link per environment, the current one marked. */
export function EnvironmentSwitcher({ slug, current, path = "/flows" }: { slug: string; current: Environment; path?: string }) {
  return (
    <nav aria-label="Environment" className="mb-4">
      <ul className="inline-flex rounded-md border border-slate-300 bg-white text-sm">
        {ENVIRONMENTS.map((environment) => (
          <li key={environment}>
            <Link
              href={withEnvironment(`/t/${slug}${path}`, environment)}
              aria-current={environment === current ? "page" : undefined}
              className={`block px-3 py-1.5 ${environment === current ? "bg-blue-700 text-white" : "text-slate-700 hover:bg-slate-50"}`}
            >
              {ENVIRONMENT_LABELS[environment]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
