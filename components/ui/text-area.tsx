/** A labelled multi-line input with its hint and error linked for screen readers. */
export function TextArea({ name, label, hint, error, defaultValue, rows = 10 }: { name: string; label: string; hint?: React.ReactNode; error?: string; defaultValue?: string; rows?: number }) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  return (
    <div className={`mb-6 ${error ? "border-l-4 border-error pl-4" : ""}`}>
      <label htmlFor={name} className="block text-lg font-bold">
        {label}
      </label>
      {hint && (
        <div id={hintId} className="mt-1 text-muted">
          {hint}
        </div>
      )}
      {error && (
        <p id={errorId} className="mt-1 font-bold text-error">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      )}
      <textarea
        id={name}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        aria-invalid={error ? true : undefined}
        className={`mt-2 block w-full border-2 ${error ? "border-error" : "border-ink"} p-2 font-mono text-base`}
      />
    </div>
  );
}
