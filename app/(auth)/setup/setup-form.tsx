"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { initialFormState } from "@/lib/http/form-state";
import { completeSetupAction } from "./actions";

export function SetupForm({ token }: { token: string }) {
  const [state, action] = useActionState(completeSetupAction, initialFormState);
  return (
    <form action={action} noValidate>
      <ErrorSummary errors={state.errors} />
      <input type="hidden" name="token" value={token} />
      <TextField
        name="name"
        label="Full name"
        autoComplete="name"
        defaultValue={state.values.name}
        error={state.errors.name}
      />
      <TextField
        name="email"
        label="Email address"
        type="email"
        autoComplete="username"
        defaultValue={state.values.email}
        error={state.errors.email}
      />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters. A few unrelated words make a strong password."
        error={state.errors.password}
      />
      <SubmitButton>Create administrator</SubmitButton>
    </form>
  );
}
