// Events per day as an SVG bar chart (server-rendered). Sighted users get the bars; screen readers get
// a summary as the image's label and the exact numbers in a table anyone can open.
import { CHART_LIMITS } from "@/lib/activity/chart";

export interface DayCount {
  /** YYYY-MM-DD, UTC */
  day: string;
  count: number;
}

const HEIGHT = 120;
const BAR_GAP = 1;

/** `noun`: what is counted ("Events" in the activity log; the Usage page counts API requests, flow runs). */
export function ActivityChart({ days, clipped, noun = "Events" }: { days: DayCount[]; clipped: boolean; noun?: string }) {
  if (days.length === 0) return null;
  const total = days.reduce((sum, d) => sum + d.count, 0);
  const busiest = days.reduce((max, d) => (d.count > max.count ? d : max), days[0]!);
  const max = Math.max(1, busiest.count);
  const first = days[0]!.day;
  const last = days.at(-1)!.day;
  const width = days.length * 10;
  const label =
    `${noun} per day from ${first} to ${last} (UTC): ${total} in total` +
    (total > 0 ? `, most on ${busiest.day} (${busiest.count}).` : ".");

  return (
    <figure className="mb-4 rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="mb-2 flex flex-wrap justify-between gap-2 text-sm text-slate-600">
        <span>
          {noun} per day, {first} to {last} (UTC){clipped && ` — the latest ${CHART_LIMITS.maxDays} days of the range`}
        </span>
        <span>{total} in total</span>
      </figcaption>
      <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${HEIGHT}`} preserveAspectRatio="none" className="h-32 w-full">
        {days.map((d, index) => {
          const height = d.count === 0 ? 0 : Math.max(2, (d.count / max) * (HEIGHT - 4));
          return (
            <rect key={d.day} x={index * 10 + BAR_GAP} y={HEIGHT - height} width={10 - 2 * BAR_GAP} height={height} className="fill-blue-600">
              <title>{`${d.day}: ${d.count}`}</title>
            </rect>
          );
        })}
      </svg>
      {total === 0 && <p className="-mt-16 mb-10 text-center text-sm text-slate-500">No entries on these days.</p>}
      <div className="mt-1 flex justify-between font-mono text-xs text-slate-500" aria-hidden="true">
        <span>{first}</span>
        <span>{last}</span>
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-blue-800">Numbers per day</summary>
        <table className="mt-2 text-left text-sm">
          <caption className="sr-only">{`${noun} per day (UTC)`}</caption>
          <thead>
            <tr>
              <th scope="col" className="pr-6">
                Day
              </th>
              <th scope="col">{noun}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <td className="pr-6 font-mono">{d.day}</td>
                <td>{d.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
