"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { initialFormState, type FormAction } from "@/lib/http/form-state";

/** `submit` is signInAction bound to where the person goes after their code. */
export function SignInForm({ submit }: { submit: FormAction }) {
  const [state, action] = useActionState(submit, initialFormState);
  return (
    <form action={action} noValidate>
      <ErrorSummary errors={state.errors} />
      <TextField
        name="email"
        label="Email address"
        type="email"
        autoComplete="username"
        defaultValue={state.values.email ?? ""}
        error={state.errors.email}
      />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        error={state.errors.password}
      />
      <SubmitButton>Continue</SubmitButton>
    </form>
  );
}
