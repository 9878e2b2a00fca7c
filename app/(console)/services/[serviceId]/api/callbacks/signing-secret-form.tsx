"use client";

import { useActionState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState, type FormAction } from "@/lib/http/form-state";
import type { SigningSecretState } from "../actions";

/** `submit` is rotateSigningSecretAction bound to the service; the new secret is shown this once. */
export function SigningSecretForm({
  submit,
  hasSecret,
}: {
  submit: FormAction<SigningSecretState>;
  hasSecret: boolean;
}) {
  const [state, action] = useActionState(submit, initialFormState as SigningSecretState);
  if (state.status === "success" && state.secret)
    return (
      <div className="mb-6 max-w-3xl">
        <div role="note" className="mb-4 border-l-8 border-error bg-gray-50 px-4 py-3 text-lg">
          <p className="font-bold">Copy the signing secret now: this is the only time it is shown.</p>
          {hasSecret && <p>Your previous secret keeps signing callbacks beside this one for 24 hours.</p>}
        </div>
        <p className="mb-2 text-lg font-bold" id="signing-secret-label">
          Signing secret
        </p>
        <p
          aria-labelledby="signing-secret-label"
          className="mb-3 break-all border-2 border-ink bg-white px-2 py-1.5 font-mono"
        >
          {state.secret}
        </p>
        <CopyButton value={state.secret} label="Copy the signing secret" />
      </div>
    );
  return (
    <form action={action} className="mb-6">
      <SubmitButton variant={hasSecret ? "secondary" : "primary"}>
        {hasSecret ? "Replace the signing secret" : "Create a signing secret"}
      </SubmitButton>
    </form>
  );
}
