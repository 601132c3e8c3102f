// /api-docs: the REST API's operations, rendered on the server from the OpenAPI document (no script,
// nothing from a CDN): method and path, what it does, the permission it needs, and its body's fields.
import type { Metadata } from "next";
import Link from "next/link";
import { OPERATIONS } from "@/app/api/v1/openapi.json/openapi-document";
import { operationFields } from "./operation-fields";

export const metadata: Metadata = { title: "REST API" };

export default function ApiDocsPage() {
  const tags = [...new Set(OPERATIONS.map((operation) => operation.tag))];
  return (
    <main className="mx-auto max-w-4xl px-6 py-10">
      <h1 className="text-2xl font-semibold">REST API</h1>
      <p className="mt-2 text-slate-700">
        JSON under <code>/api/v1</code>, with an API key from a tenant&apos;s API keys page: <code>Authorization: Bearer tnt_…</code>, or with a
        token signed by an integration a superadmin registered (<code>Authorization: Bearer &lt;JWT&gt;</code>). Everything runs in the caller&apos;s
        tenant with its role; errors are <code>application/problem+json</code> (RFC 9457).
      </p>
      <p className="mt-2">
        <a className="text-blue-700 underline" href="/api/v1/openapi.json">
          OpenAPI 3.1 document
        </a>
      </p>
      {tags.map((tag) => (
        <section key={tag} aria-labelledby={`api-${tag}`} className="mt-8">
          <h2 id={`api-${tag}`} className="text-xl font-semibold">
            {tag}
          </h2>
          <ul className="mt-3 space-y-3">
            {OPERATIONS.filter((operation) => operation.tag === tag).map((operation) => (
              <li key={`${operation.method} ${operation.path}`} className="rounded border border-slate-200 p-3">
                <p className="font-mono text-sm">
                  <strong>{operation.method.toUpperCase()}</strong> /api/v1{operation.path}
                </p>
                <p className="mt-1">{operation.summary}</p>
                <p className="mt-1 text-sm text-slate-600">
                  Permission: <code>{operation.permission}</code>
                </p>
                {operation.body ? <p className="mt-1 text-sm text-slate-600">Body: {operationFields(operation.body).join(", ")}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p className="mt-8">
        <Link className="text-blue-700 underline" href="/">
          Go to your tenants
        </Link>
      </p>
    </main>
  );
}
