import { setPlatformApiLimitAction } from "./actions";
import { InlineNumberForm } from "./inline-number-form";
import { MAX_API_REQUESTS_PER_MINUTE } from "./input-limits";

/** The API requests per minute all tenants share, beside each tenant's own limit in the table above. */
export function PlatformApiLimit({ apiRequestsPerMinute }: { apiRequestsPerMinute: number | null }) {
  return (
    <section aria-labelledby="platform-api-limit" className="mt-8">
      <h2 id="platform-api-limit" className="text-lg font-semibold">
        Platform-wide API limit
      </h2>
      <p className="mb-2 text-sm text-slate-600">
        API requests per minute shared by all tenants together, on top of each tenant&apos;s own limit. Leave it empty for no limit.
      </p>
      <InlineNumberForm
        label="Platform API requests/min"
        name="apiRequestsPerMinute"
        value={apiRequestsPerMinute}
        min={1}
        max={MAX_API_REQUESTS_PER_MINUTE}
        placeholder="No limit"
        hidden={{}}
        saveLabel="Save platform API limit"
        action={setPlatformApiLimitAction}
      />
    </section>
  );
}
