import { fieldDescription, FormField } from "./form-field";

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
export function TextField({
  name,
  label,
  hint,
  error,
  defaultValue,
  type = "text",
  autoComplete,
  inputMode,
  width = "full",
  required,
  disabled,
}: TextFieldProps) {
  return (
    <FormField name={name} label={label} hint={hint} error={error}>
      <input
        id={name}
        name={name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        inputMode={inputMode}
        required={required}
        disabled={disabled}
        {...fieldDescription(name, hint, error)}
        className={`mt-2 block border-2 px-2 py-1.5 text-lg disabled:bg-gray-100 ${error ? "border-error" : "border-ink"} ${width === "narrow" ? "w-40" : "w-full max-w-xl"}`}
      />
    </FormField>
  );
}
