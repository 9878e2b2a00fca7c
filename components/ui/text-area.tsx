import { fieldDescription, FormField } from "./form-field";

/** A labelled multi-line input with its hint and error linked for screen readers. */
export function TextArea({
  name,
  label,
  hint,
  error,
  defaultValue,
  rows = 10,
}: {
  name: string;
  label: string;
  hint?: React.ReactNode;
  error?: string;
  defaultValue?: string;
  rows?: number;
}) {
  return (
    <FormField name={name} label={label} hint={hint} error={error}>
      <textarea
        id={name}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        {...fieldDescription(name, hint, error)}
        className={`mt-2 block w-full border-2 ${error ? "border-error" : "border-ink"} p-2 font-mono text-base`}
      />
    </FormField>
  );
}
