"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { initialFormState, type FormAction } from "@/lib/http/form-state";

/** `submit` is startReplyToCheckAction bound to the service. */
export function ReplyToForm({ submit }: { submit: FormAction }) {
  const [state, action] = useActionState(submit, initialFormState);
  return (
    <form action={action} noValidate className="max-w-xl">
      <ErrorSummary errors={state.errors} />
      <TextField
        name="emailAddress"
        label="Add a reply-to email address"
        hint="We will send a check email to it first"
        type="email"
        defaultValue={state.values.emailAddress ?? ""}
        error={state.errors.emailAddress}
      />
      <SubmitButton variant="secondary">Check and add</SubmitButton>
    </form>
  );
}

/** `submit` is addSmsSenderAction bound to the service. */
export function SmsSenderForm({ submit }: { submit: FormAction }) {
  const [state, action] = useActionState(submit, initialFormState);
  return (
    <form action={action} noValidate className="max-w-xl">
      <ErrorSummary errors={state.errors} />
      {state.status === "success" && <Notice>{state.message}</Notice>}
      <TextField
        name="sender"
        label="Add a text message sender"
        hint="A phone number, or 3 to 11 letters and numbers, for example CITYCOUNCIL"
        width="narrow"
        defaultValue={state.status === "error" ? state.values.sender : ""}
        error={state.errors.sender}
      />
      <label className="mb-6 flex items-center gap-3 text-lg">
        <input type="checkbox" name="isDefault" value="true" className="size-6" />
        Make this the default sender
      </label>
      <SubmitButton variant="secondary">Add sender</SubmitButton>
    </form>
  );
}
