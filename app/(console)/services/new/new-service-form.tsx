"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { initialFormState } from "@/lib/http/form-state";
import { createServiceAction } from "./actions";

export function NewServiceForm() {
  const [state, action] = useActionState(createServiceAction, initialFormState);
  return (
    <form action={action} noValidate>
      <ErrorSummary errors={state.errors} />
      <TextField
        name="name"
        label="Service name"
        hint="The name people will see in your emails and text messages."
        defaultValue={state.values.name}
        error={state.errors.name}
      />
      <SubmitButton>Add service</SubmitButton>
    </form>
  );
}
