"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { initialFormState, type FormAction } from "@/lib/http/form-state";

/** `submit` is addGuestAction bound to the service. */
export function GuestListForm({ submit }: { submit: FormAction }) {
  const [state, action] = useActionState(submit, initialFormState);
  return (
    <form action={action} noValidate className="max-w-2xl">
      <ErrorSummary errors={state.errors} />
      {state.status === "success" && <Notice>{state.message}</Notice>}
      <TextField
        name="recipient"
        label="Email address or mobile number"
        hint="One at a time. For example name@example.com or 07123 456 789"
        defaultValue={state.status === "error" ? state.values.recipient : ""}
        error={state.errors.recipient}
      />
      <SubmitButton>Add to the guest list</SubmitButton>
    </form>
  );
}
