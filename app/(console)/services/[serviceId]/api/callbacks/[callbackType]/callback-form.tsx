"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import type { ConfigurableCallback } from "@/lib/callbacks/callback-settings";
import { initialFormState } from "@/lib/http/form-state";
import { setCallbackAction } from "../../actions";

export function CallbackForm({
  serviceId,
  callbackType,
  currentUrl,
}: {
  serviceId: string;
  callbackType: ConfigurableCallback;
  currentUrl: string;
}) {
  const [state, action] = useActionState(setCallbackAction.bind(null, serviceId, callbackType), initialFormState);
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
