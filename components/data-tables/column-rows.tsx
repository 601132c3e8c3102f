import { TextField } from "@/components/ui/text-field";
import { DATA_COLUMN_TYPES } from "@/db/schema/data-column-types";
import { COLUMN_TYPE_LABELS } from "@/lib/data-tables/column-rules";

/**
 * A form's column rows ("Column N name", "Column N type"; the server pairs the lists and drops rows
 * left without a name). A row with a `key` sends it back ("columnKey"), so an edited column keeps it.
 */
export function ColumnRows({
  id,
  legend,
  rows,
  count,
  errors,
}: {
  id: string;
  legend: string;
  rows: { name: string; type: string; key?: string }[];
  count: number;
  errors?: string[];
}) {
  const keyed = rows.some((row) => row.key !== undefined);
  return (
    <fieldset aria-describedby={errors?.length ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="mt-2 space-y-2">
        {Array.from({ length: Math.max(count, rows.length) }, (_, index) => (
          <div key={index} className="flex flex-wrap gap-3">
            {keyed && <input type="hidden" name="columnKey" value={rows[index]?.key ?? ""} />}
            <TextField label={`Column ${index + 1} name`} name="columnName" defaultValue={rows[index]?.name ?? ""} maxLength={60} className="w-60" />
            <label className="text-sm font-medium">
              {`Column ${index + 1} type`}
              <select name="columnType" defaultValue={rows[index]?.type ?? "text"} className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-2 text-sm font-normal">
                {DATA_COLUMN_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {COLUMN_TYPE_LABELS[type]}
                  </option>
                ))}
              </select>
            </label>
          </div>
        ))}
      </div>
      {errors?.length ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
