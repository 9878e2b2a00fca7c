"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { initialFormState, type FormAction } from "@/lib/http/form-state";

/** `submit` is createAccountAction bound to the invitation's token. */
export function NewAccountForm({ submit, email }: { submit: FormAction; email: string }) {
  const [state, action] = useActionState(submit, initialFormState);
  return (
    <form action={action} noValidate>
      <ErrorSummary errors={state.errors} />
      <p className="mb-6 text-lg">
        Your email address will be <strong className="break-all">{email}</strong>.
      </p>
      <TextField
        name="name"
        label="Full name"
        autoComplete="name"
        defaultValue={state.values.name}
        error={state.errors.name}
      />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters. A few unrelated words make a strong password."
        error={state.errors.password}
      />
      <SubmitButton>Create account and join</SubmitButton>
    </form>
  );
}
