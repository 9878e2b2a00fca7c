"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { initialFormState, type FormState } from "@/lib/http/form-state";
import { changePasswordAction, textMessageCodesAction, updateDetailsAction } from "./actions";

const typed = (state: FormState, name: string, fallback = "") =>
  state.status === "error" ? (state.values[name] ?? fallback) : fallback;

export function DetailsForm({ name, mobileNumber }: { name: string; mobileNumber: string | null }) {
  const [state, action] = useActionState(updateDetailsAction, initialFormState);
  return (
    <form action={action} noValidate className="max-w-2xl">
      <ErrorSummary errors={state.errors} />
      {state.status === "success" && <Notice>{state.message}</Notice>}
      <TextField
        name="name"
        label="Name"
        defaultValue={typed(state, "name", name)}
        error={state.errors.name}
        autoComplete="name"
      />
      <TextField
        name="mobileNumber"
        label="Mobile number (optional)"
        hint="For sign-in codes by text message, and to receive your services’ messages in trial mode."
        defaultValue={typed(state, "mobileNumber", mobileNumber ?? "")}
        error={state.errors.mobileNumber}
        type="tel"
        autoComplete="tel"
        width="narrow"
      />
      <SubmitButton>Save your details</SubmitButton>
    </form>
  );
}

export function TextMessageCodesForm() {
  const [state, action] = useActionState(textMessageCodesAction, initialFormState);
  const confirming = state.values.step === "confirm";
  return (
    <form action={action} noValidate className="max-w-2xl">
      <ErrorSummary errors={state.errors} />
      {state.status === "success" && <Notice tone="info">{state.message}</Notice>}
      {confirming ? (
        <>
          <input type="hidden" name="step" value="confirm" />
          <TextField
            name="code"
            label="Code from the text message"
            hint="6 digits"
            error={state.errors.code}
            autoComplete="one-time-code"
            inputMode="numeric"
            width="narrow"
          />
          <SubmitButton>Confirm and use text messages</SubmitButton>
        </>
      ) : (
        <>
          {state.errors.secondFactor && <p className="mb-4 font-bold text-error">{state.errors.secondFactor}</p>}
          <SubmitButton variant="secondary">Get sign-in codes by text message instead</SubmitButton>
        </>
      )}
    </form>
  );
}

export function PasswordForm() {
  const [state, action] = useActionState(changePasswordAction, initialFormState);
  return (
    <form action={action} noValidate className="max-w-2xl">
      <ErrorSummary errors={state.errors} />
      {state.status === "success" && <Notice>{state.message}</Notice>}
      <TextField
        name="currentPassword"
        label="Current password"
        type="password"
        error={state.errors.currentPassword}
        autoComplete="current-password"
      />
      <TextField
        name="newPassword"
        label="New password"
        hint="At least 10 characters. A few unrelated words make a strong password."
        type="password"
        error={state.errors.newPassword}
        autoComplete="new-password"
      />
      <SubmitButton>Change your password</SubmitButton>
    </form>
  );
}
