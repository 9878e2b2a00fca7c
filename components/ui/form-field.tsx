/** What a control needs to point at its hint and error for screen readers. */
export function fieldDescription(name: string, hint: unknown, error: string | undefined) {
  const ids = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ");
  return { "aria-describedby": ids || undefined, "aria-invalid": error ? true : undefined };
}

/** A form control's label, hint and error, laid out as GOV.UK forms are; the control is the child. */
export function FormField({
  name,
  label,
  hint,
  error,
  children,
}: {
  name: string;
  label: string;
  hint?: React.ReactNode;
  error?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={`mb-6 ${error ? "border-l-4 border-error pl-4" : ""}`}>
      <label htmlFor={name} className="block text-lg font-bold">
        {label}
      </label>
      {hint && (
        <div id={`${name}-hint`} className="mt-1 text-muted">
          {hint}
        </div>
      )}
      {error && (
        <p id={`${name}-error`} className="mt-1 font-bold text-error">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      )}
      {children}
    </div>
  );
}
