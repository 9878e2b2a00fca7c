import { formatDateTime } from "@/components/ui/date-time";
import { Table } from "@/components/ui/table";

type Bucket = { at: Date; delivered: number; opened: number; clicked: number };

const WIDTH = 600;
const HEIGHT = 160;
const SERIES = [
  { key: "delivered", label: "Delivered", className: "stroke-brand", dash: undefined },
  { key: "opened", label: "Opened", className: "stroke-success", dash: "8 4" },
  { key: "clicked", label: "Clicked", className: "stroke-ink", dash: "2 4" },
] as const;

/**
 * Deliveries, first opens and first clicks per step of time since the campaign started, as lines.
 * Drawn on the server as SVG; the figures are also in a table for screen readers.
 */
export function CampaignTimelineChart({ buckets, stepMinutes }: { buckets: Bucket[]; stepMinutes: number }) {
  const top = Math.max(1, ...buckets.flatMap((bucket) => [bucket.delivered, bucket.opened, bucket.clicked]));
  const x = (index: number) => (buckets.length <= 1 ? WIDTH / 2 : (index / (buckets.length - 1)) * WIDTH);
  const y = (value: number) => HEIGHT - (value / top) * HEIGHT;
  const totals = SERIES.map(
    (series) => `${buckets.reduce((sum, bucket) => sum + bucket[series.key], 0)} ${series.label.toLowerCase()}`,
  );
  return (
    <figure className="mb-8">
      <figcaption className="mb-2 text-lg font-bold">
        Over time (every {stepMinutes} {stepMinutes === 1 ? "minute" : "minutes"})
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT + 20}`}
        className="w-full max-w-2xl border-b border-line"
        role="img"
        aria-label={`Since it started: ${totals.join(", ")}.`}
      >
        {SERIES.map((series) => (
          <polyline
            key={series.key}
            fill="none"
            strokeWidth={3}
            strokeDasharray={series.dash}
            className={series.className}
            points={buckets.map((bucket, index) => `${x(index)},${y(bucket[series.key])}`).join(" ")}
          />
        ))}
        <text x={0} y={HEIGHT + 16} className="fill-muted text-[12px]">
          {buckets[0] ? formatDateTime(buckets[0].at) : ""}
        </text>
        <text x={WIDTH} y={HEIGHT + 16} textAnchor="end" className="fill-muted text-[12px]">
          {buckets.at(-1) ? formatDateTime(buckets.at(-1)!.at) : ""}
        </text>
      </svg>
      <p className="mt-2 text-sm">
        {SERIES.map((series) => (
          <span key={series.key} className="mr-4">
            <svg width="24" height="8" aria-hidden="true" className="mr-1 inline">
              <line
                x1="0"
                x2="24"
                y1="4"
                y2="4"
                strokeWidth={3}
                strokeDasharray={series.dash}
                className={series.className}
              />
            </svg>
            {series.label}
          </span>
        ))}
      </p>
      <details className="mt-2">
        <summary className="cursor-pointer text-brand underline">Figures over time</summary>
        <Table
          caption="Deliveries, opens and clicks over time"
          hideCaption
          className="mt-2 max-w-2xl"
          rows={buckets}
          rowKey={(bucket) => bucket.at.toISOString()}
          empty={null}
          columns={[
            { header: "From (UTC)", cell: (bucket) => formatDateTime(bucket.at), className: "whitespace-nowrap" },
            { header: "Delivered", cell: (bucket) => bucket.delivered, numeric: true },
            { header: "Opened", cell: (bucket) => bucket.opened, numeric: true },
            { header: "Clicked", cell: (bucket) => bucket.clicked, numeric: true },
          ]}
        />
      </details>
    </figure>
  );
}
