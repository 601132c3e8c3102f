import { LICENSE_KEYS, LICENSES } from "@/lib/licenses";

/** What each license allows, next to the table where licenses are chosen. */
export function LicenseCatalog() {
  return (
    <section aria-labelledby="licenses-heading" className="mt-8">
      <h2 id="licenses-heading" className="text-lg font-semibold">
        Licenses
      </h2>
      <ul className="mt-3 grid gap-3 sm:grid-cols-3">
        {LICENSE_KEYS.map((key) => {
          const license = LICENSES[key];
          return (
            <li key={key} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
              <p className="font-semibold">{license.label}</p>
              <p className="mt-1 text-slate-600">
                Default flow cap {license.flowCap.toLocaleString("en-US")} · up to {license.memberLimit.toLocaleString("en-US")} members
              </p>
              <p className="mt-1 text-slate-600">{license.features.join(", ")}</p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
