"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { initialFormState, type FormAction } from "@/lib/http/form-state";
import { resendCodeAction } from "./actions";

/** `confirmAction` is confirmCodeAction bound to where the person goes next. */
export function CodeForm({ confirmAction }: { confirmAction: FormAction }) {
  const [state, confirm] = useActionState(confirmAction, initialFormState);
  const [resent, resend] = useActionState(resendCodeAction, initialFormState);
  const errors = { ...state.errors, ...resent.errors };
  return (
    <>
      <ErrorSummary errors={errors} />
      {resent.status === "success" && <Notice>{resent.message}</Notice>}
      <form action={confirm} noValidate>
        <TextField
          name="code"
          label="Sign-in code"
          hint="6 digits, for example 012345"
          inputMode="numeric"
          autoComplete="one-time-code"
          width="narrow"
          error={errors.code}
        />
        <SubmitButton>Continue</SubmitButton>
      </form>
      <form action={resend} className="mt-8">
        <p className="mb-2 text-lg">Not received it? It can take a minute.</p>
        <SubmitButton variant="secondary">Send a new code</SubmitButton>
      </form>
    </>
  );
}
