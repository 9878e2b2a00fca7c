"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { fieldDescription, FormField } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState, type FormAction } from "@/lib/http/form-state";

/**
 * A phone-number action's form: hidden fields, the controls given as children, one button, and
 * what happened (AWS's refusals included) above them.
 */
export function PhoneNumberActionForm({
  submit,
  fields = {},
  label,
  variant = "primary",
  children,
  className = "mb-8",
}: {
  submit: FormAction;
  fields?: Record<string, string>;
  label: string;
  variant?: "primary" | "secondary" | "warning";
  children?: React.ReactNode;
  className?: string;
}) {
  const [state, action] = useActionState(submit, initialFormState);
  return (
    <form action={action} noValidate className={className}>
      <ErrorSummary errors={state.errors} />
      {state.status === "success" && state.message && <Notice>{state.message}</Notice>}
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <SubmitButton variant={variant}>{label}</SubmitButton>
    </form>
  );
}

type RegistrationFieldProps = {
  path: string;
  label: string;
  hint?: string;
  required: boolean;
  maxLength?: number;
  choices?: Record<string, string>;
};

/**
 * The form that creates a registration: one control per field AWS is given, each with its own
 * error beside it (Tidings' checks and AWS's refusals alike), keeping what was typed.
 */
export function RegistrationForm({
  submit,
  fields,
  hidden,
}: {
  submit: FormAction;
  fields: RegistrationFieldProps[];
  hidden: Record<string, string>;
}) {
  const [state, action] = useActionState(submit, initialFormState);
  const control = "mt-2 w-full max-w-xl border-2 border-ink p-2 text-lg";
  return (
    // Keyed by what was sent: React resets a form after its action, and selects would lose their choice.
    <form key={JSON.stringify(state.values)} action={action} noValidate className="mb-8 max-w-2xl">
      <ErrorSummary errors={state.errors} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((field) => {
        const error = state.errors[field.path];
        const common = {
          id: field.path,
          name: field.path,
          defaultValue: state.values[field.path] ?? "",
          ...fieldDescription(field.path, field.hint, error),
          className: control,
        };
        return (
          <FormField key={field.path} name={field.path} label={field.label} hint={field.hint} error={error}>
            {field.choices ? (
              <select {...common}>
                <option value="">Choose</option>
                {Object.entries(field.choices).map(([value, text]) => (
                  <option key={value} value={value}>
                    {text}
                  </option>
                ))}
              </select>
            ) : (field.maxLength ?? 0) > 100 ? (
              <textarea {...common} rows={3} />
            ) : (
              <input {...common} />
            )}
          </FormField>
        );
      })}
      <SubmitButton>Create the registration</SubmitButton>
    </form>
  );
}
