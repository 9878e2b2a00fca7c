/** How far long work has gone, for people and screen readers (role progressbar). */
export function ProgressBar({ label, percent }: { label: string; percent: number }) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div className="mb-6">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        className="h-6 w-full max-w-2xl border-2 border-ink bg-white"
      >
        <div className="h-full bg-brand" style={{ width: `${value}%` }} />
      </div>
      <p className="mt-1 text-lg">
        {label}: {value}%
      </p>
    </div>
  );
}
