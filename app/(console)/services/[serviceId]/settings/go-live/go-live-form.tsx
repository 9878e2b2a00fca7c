"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextArea } from "@/components/ui/text-area";
import { TextField } from "@/components/ui/text-field";
import { initialFormState, type FormAction } from "@/lib/http/form-state";

/** `submit` is requestGoLiveAction bound to the service. */
export function GoLiveForm({ submit }: { submit: FormAction }) {
  const [state, action] = useActionState(submit, initialFormState);
  const value = (field: string) => (state.status === "error" ? (state.values[field] ?? "") : "");
  return (
    <form action={action} noValidate className="max-w-2xl">
      <ErrorSummary errors={state.errors} />
      <TextField
        name="emailsPerYear"
        label="How many emails will you send in a year?"
        type="number"
        inputMode="numeric"
        width="narrow"
        defaultValue={value("emailsPerYear")}
        error={state.errors.emailsPerYear}
      />
      <TextField
        name="textsPerYear"
        label="How many text messages will you send in a year?"
        type="number"
        inputMode="numeric"
        width="narrow"
        defaultValue={value("textsPerYear")}
        error={state.errors.textsPerYear}
      />
      <TextArea
        name="purpose"
        label="What will you send, and to whom?"
        rows={4}
        defaultValue={value("purpose")}
        error={state.errors.purpose}
      />
      <SubmitButton>Request to go live</SubmitButton>
    </form>
  );
}
