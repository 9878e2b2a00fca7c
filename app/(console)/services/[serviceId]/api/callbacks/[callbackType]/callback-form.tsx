"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { initialFormState, type FormAction } from "@/lib/http/form-state";

export function CallbackForm({
  submit,
  currentUrl,
}: {
  /** setCallbackAction bound to the service and the kind of callback. */
  submit: FormAction;
  currentUrl: string;
}) {
  const [state, action] = useActionState(submit, initialFormState);
  return (
    <form action={action} noValidate className="max-w-2xl">
      <ErrorSummary errors={state.errors} />
      <TextField
        name="url"
        label="URL"
        type="url"
        hint="Must start with https://"
        defaultValue={state.status === "error" ? state.values.url : currentUrl}
        error={state.errors.url}
      />
      <TextField
        name="bearerToken"
        label="Bearer token"
        type="password"
        autoComplete="off"
        hint={`At least 10 characters. Tidings sends it as “Authorization: Bearer …” so your system knows the callback is genuine.${currentUrl ? " The saved token is not shown: enter it again, or a new one." : ""}`}
        error={state.errors.bearerToken}
      />
      <SubmitButton>Save</SubmitButton>
    </form>
  );
}
