type TextFieldProps = {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string | number;
  type?: "text" | "email" | "password" | "number" | "tel" | "url";
  autoComplete?: string;
  inputMode?: "numeric" | "text" | "email" | "tel";
  width?: "full" | "narrow";
  required?: boolean;
  disabled?: boolean;
};

/** A labelled input with its hint and error linked for screen readers. */
export function TextField({ name, label, hint, error, defaultValue, type = "text", autoComplete, inputMode, width = "full", required, disabled }: TextFieldProps) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  return (
    <div className={`mb-6 ${error ? "border-l-4 border-error pl-4" : ""}`}>
      <label htmlFor={name} className="block text-lg font-bold">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="text-muted mt-1">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="mt-1 font-bold text-error">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      )}
      <input
        id={name}
        name={name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        inputMode={inputMode}
        required={required}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className={`mt-2 block border-2 px-2 py-1.5 text-lg disabled:bg-gray-100 ${error ? "border-error" : "border-ink"} ${width === "narrow" ? "w-40" : "w-full max-w-xl"}`}
      />
    </div>
  );
}
