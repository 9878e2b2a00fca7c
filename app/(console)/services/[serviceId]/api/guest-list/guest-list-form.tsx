"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { initialFormState } from "@/lib/http/form-state";
import { addGuestAction } from "../actions";

export function GuestListForm({ serviceId }: { serviceId: string }) {
  const [state, action] = useActionState(addGuestAction.bind(null, serviceId), initialFormState);
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
