import { useId } from "react";

const WIDTH = 600;
const HEIGHT = 160;

/**
 * Counts per day as an SVG bar chart: an image named by what it shows (its title and the busiest day
 * in its description), each bar with its own tooltip title, and the same figures as a table under
 * "Show as table" for anyone who cannot see or read the bars.
 */
export function DayBarChart({ title, days }: { title: string; days: { day: string; count: number }[] }) {
  const id = useId();
  const max = Math.max(1, ...days.map((d) => d.count));
  const total = days.reduce((sum, d) => sum + d.count, 0);
  const peak = days.reduce((best, d) => (d.count > best.count ? d : best), days[0] ?? { day: "", count: 0 });
  const barWidth = WIDTH / Math.max(1, days.length);
  const summary = `${total} in the last ${days.length} days, from ${days[0]?.day} to ${days.at(-1)?.day}${total ? `; most on ${peak.day} (${peak.count})` : ""}.`;
  return (
    <div>
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${WIDTH} ${HEIGHT + 20}`} className="h-44 w-full">
        <title id={`${id}-title`}>{`${title}, per day`}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        <line x1={0} y1={HEIGHT} x2={WIDTH} y2={HEIGHT} className="stroke-slate-300" />
        {days.map((d, index) => {
          const height = (d.count / max) * (HEIGHT - 10);
          return (
            <rect key={d.day} x={index * barWidth + barWidth * 0.1} y={HEIGHT - height} width={barWidth * 0.8} height={height} className="fill-blue-700">
              <title>{`${d.day}: ${d.count}`}</title>
            </rect>
          );
        })}
        <text x={0} y={HEIGHT + 16} className="fill-slate-600 text-[12px]">
          {days[0]?.day}
        </text>
        <text x={WIDTH} y={HEIGHT + 16} textAnchor="end" className="fill-slate-600 text-[12px]">
          {days.at(-1)?.day}
        </text>
      </svg>
      <p className="text-sm text-slate-600">{summary}</p>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-blue-800">Show as table</summary>
        <table className="mt-2 text-left">
          <caption className="sr-only">{`${title}, per day (UTC)`}</caption>
          <thead>
            <tr>
              <th scope="col" className="pr-6">Day (UTC)</th>
              <th scope="col">Count</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <td className="pr-6">{d.day}</td>
                <td>{d.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
