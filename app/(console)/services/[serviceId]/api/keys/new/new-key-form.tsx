"use client";

import { useActionState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import type { KEY_TYPES } from "@/lib/api-keys/schemas";
import { initialFormState, type FormAction } from "@/lib/http/form-state";
import type { NewKeyState } from "../../actions";

type KeyType = (typeof KEY_TYPES)[number];

const KEY_TYPE_HINTS: Record<KeyType, string> = {
  normal: "Messages go to whoever you send them to, within your daily limits.",
  team: "Messages go only to members of your team and people on your guest list. Use it to try your integration with real messages.",
  test: "Nothing is delivered and nothing counts towards your limits, but the API answers as if it were. Use it for automated tests.",
};

/** `submit` is createApiKeyAction bound to the service. */
/**
 * `keyTypes` come from the page (KEY_TYPE_LABELS): importing lib's schemas here would ship zod to
 * the browser, whose start-up probes for eval and so trips the Content-Security-Policy.
 */
export function NewKeyForm({
  submit,
  trialMode,
  keyTypes,
}: {
  submit: FormAction<NewKeyState>;
  trialMode: boolean;
  keyTypes: Record<KeyType, string>;
}) {
  const [state, action] = useActionState(submit, initialFormState as NewKeyState);
  if (state.status === "success" && state.key) {
    return (
      <div className="max-w-3xl">
        <div role="status" className="mb-6 border-l-8 border-success bg-gray-50 px-4 py-3 text-lg">
          <p className="font-bold">The key “{state.message}” was created.</p>
        </div>
        <div role="note" className="mb-6 border-l-8 border-error bg-gray-50 px-4 py-3 text-lg">
          <p className="font-bold">Copy the key now: this is the only time it is shown.</p>
          <p>
            Tidings keeps it encrypted and cannot show it again. If you lose it, revoke it and create another. Keep it
            secret: anyone with it can send messages as your service.
          </p>
        </div>
        <p className="mb-2 text-lg font-bold" id="api-key-label">
          API key
        </p>
        <p
          aria-labelledby="api-key-label"
          className="mb-3 break-all border-2 border-ink bg-white px-2 py-1.5 font-mono"
        >
          {state.key}
        </p>
        <CopyButton value={state.key} label="Copy the API key" />
      </div>
    );
  }
  const chosen = state.values.keyType;
  return (
    <form action={action} noValidate className="max-w-2xl">
      <ErrorSummary errors={state.errors} />
      <TextField
        name="name"
        label="Name for this key"
        hint="So you can tell your keys apart, for example the system that uses it."
        defaultValue={state.values.name}
        error={state.errors.name}
      />
      <fieldset
        id="keyType"
        tabIndex={-1}
        aria-describedby={state.errors.keyType ? "keyType-error" : undefined}
        className={`mb-6 ${state.errors.keyType ? "border-l-4 border-error pl-4" : ""}`}
      >
        <legend className="text-lg font-bold">Type of key</legend>
        {trialMode && (
          <p className="mb-2 text-muted">
            Your service is in trial mode: every key can send only to your team and guest list until the service goes
            live.
          </p>
        )}
        {state.errors.keyType && (
          <p id="keyType-error" className="mb-2 font-bold text-error">
            <span className="sr-only">Error: </span>
            {state.errors.keyType}
          </p>
        )}
        {(Object.keys(keyTypes) as KeyType[]).map((type) => (
          <div key={type} className="mb-3">
            <label className="flex items-center gap-3 text-lg">
              <input
                type="radio"
                name="keyType"
                value={type}
                defaultChecked={chosen === type}
                aria-describedby={`keyType-${type}-hint`}
                className="size-6"
              />
              {keyTypes[type]}
            </label>
            <p id={`keyType-${type}-hint`} className="ml-[52px] text-muted">
              {KEY_TYPE_HINTS[type]}
            </p>
          </div>
        ))}
      </fieldset>
      <SubmitButton>Create key</SubmitButton>
    </form>
  );
}
