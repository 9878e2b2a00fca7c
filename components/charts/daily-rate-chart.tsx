import { Table } from "@/components/ui/table";
import type { DailyRates } from "@/lib/deliverability/rates";

type Props = { title: string; days: DailyRates[]; count: "bounced" | "complained"; thresholdPercent: number };

const WIDTH = 600;
const HEIGHT = 160;
const formatPercent = (value: number) => `${value.toLocaleString("en-GB", { maximumFractionDigits: 2 })}%`;

/**
 * One bar per day of the rate (bounces or complaints over emails sent), with AWS's threshold drawn
 * across. Drawn on the server as SVG; the figures are also in a table for screen readers.
 */
export function DailyRateChart({ title, days, count, thresholdPercent }: Props) {
  const rates = days.map((day) => (day.sent ? (day[count] / day.sent) * 100 : 0));
  const top = Math.max(thresholdPercent * 2, ...rates, 0.01);
  const barWidth = WIDTH / Math.max(days.length, 1);
  const y = (percent: number) => HEIGHT - (percent / top) * HEIGHT;
  const summary = `${title}: highest ${formatPercent(Math.max(0, ...rates))} on one day; the threshold is ${formatPercent(thresholdPercent)}.`;
  return (
    <figure className="mb-8">
      <figcaption className="mb-2 text-lg font-bold">{title}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT + 20}`}
        className="w-full max-w-2xl border-b border-line"
        role="img"
        aria-label={summary}
      >
        {rates.map((rate, index) => (
          <rect
            key={days[index]!.day}
            x={index * barWidth + 1}
            y={y(rate)}
            width={Math.max(barWidth - 2, 1)}
            height={HEIGHT - y(rate)}
            className={rate >= thresholdPercent ? "fill-error" : "fill-brand"}
          >
            <title>{`${days[index]!.day}: ${formatPercent(rate)} (${days[index]![count]} of ${days[index]!.sent})`}</title>
          </rect>
        ))}
        <line
          x1={0}
          x2={WIDTH}
          y1={y(thresholdPercent)}
          y2={y(thresholdPercent)}
          className="stroke-ink"
          strokeDasharray="6 4"
          strokeWidth={2}
        />
        <text x={WIDTH - 4} y={y(thresholdPercent) - 4} textAnchor="end" className="fill-ink text-[12px]">
          AWS threshold {formatPercent(thresholdPercent)}
        </text>
        <text x={0} y={HEIGHT + 16} className="fill-muted text-[12px]">
          {days[0]?.day}
        </text>
        <text x={WIDTH} y={HEIGHT + 16} textAnchor="end" className="fill-muted text-[12px]">
          {days.at(-1)?.day}
        </text>
      </svg>
      <details className="mt-2">
        <summary className="cursor-pointer text-brand underline">Figures by day</summary>
        <Table
          caption={`${title}: figures by day`}
          hideCaption
          className="mt-2 max-w-2xl"
          rows={days.map((day, index) => ({ ...day, rate: rates[index]! }))}
          rowKey={(day) => day.day}
          empty={null}
          columns={[
            { header: "Day", cell: (day) => day.day, className: "whitespace-nowrap" },
            { header: "Emails sent", cell: (day) => day.sent, numeric: true },
            { header: count === "bounced" ? "Bounces" : "Complaints", cell: (day) => day[count], numeric: true },
            { header: "Rate", cell: (day) => formatPercent(day.rate), numeric: true },
          ]}
        />
      </details>
    </figure>
  );
}
