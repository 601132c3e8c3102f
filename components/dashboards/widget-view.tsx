import type { WidgetData } from "@/lib/dashboards/widget-data";
import { DayBarChart } from "./day-bar-chart";

const numberFormat = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });

/** What a widget shows, by the state its data came back in (a removed source is said, not thrown). */
export function WidgetView({ title, data }: { title: string; data: WidgetData }) {
  if (data.state === "removed") {
    return (
      <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        {data.reason}
      </p>
    );
  }
  if (data.state === "number") {
    return (
      <div>
        <p className="text-4xl font-semibold tabular-nums">{data.value === null ? "—" : numberFormat.format(data.value)}</p>
        {data.value === null && <p className="text-sm text-slate-600">No values yet.</p>}
        {data.note && <p className="text-sm text-slate-600">{data.note}</p>}
      </div>
    );
  }
  if (data.state === "chart") return <DayBarChart title={title} days={data.days} />;
  if (data.rows.length === 0) return <p className="text-sm text-slate-600">No rows yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{title}</caption>
        <thead>
          <tr className="border-b border-slate-200">
            {data.columns.map((column) => (
              <th key={column} scope="col" className="py-1 pr-4 font-medium">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => (
            <tr key={row.id} className="border-b border-slate-100">
              {row.cells.map((cell, index) => (
                <td key={index} className="py-1 pr-4">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
