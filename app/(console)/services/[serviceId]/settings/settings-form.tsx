"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { initialFormState, type FormAction } from "@/lib/http/form-state";
import type { ServiceSettings } from "@/lib/services/schemas";

const ADMIN_ONLY_HINT = "Only platform administrators can change this.";

export function SettingsForm({
  submit,
  settings,
  canChangeLimits,
}: {
  /** updateSettingsAction bound to the service. */
  submit: FormAction;
  settings: ServiceSettings;
  canChangeLimits: boolean;
}) {
  const [state, action] = useActionState(submit, initialFormState);
  const value = (field: keyof ServiceSettings) =>
    state.status === "error" && field in state.values ? state.values[field] : String(settings[field]);
  const trialMode = value("trialMode") === "true";

  return (
    <form action={action} noValidate className="max-w-2xl">
      <ErrorSummary errors={state.errors} />
      {state.status === "success" && <Notice>{state.message}</Notice>}

      <TextField name="name" label="Service name" defaultValue={value("name")} error={state.errors.name} />

      <fieldset
        className={`mb-6 ${state.errors.trialMode ? "border-l-4 border-error pl-4" : ""}`}
        aria-describedby="trialMode-hint"
      >
        <legend className="text-lg font-bold">Trial mode</legend>
        <p id="trialMode-hint" className="mb-2 text-muted">
          In trial mode the service can only send to its team and guest list. {canChangeLimits ? "" : ADMIN_ONLY_HINT}
        </p>
        {state.errors.trialMode && <p className="font-bold text-error">{state.errors.trialMode}</p>}
        {[
          { label: "Trial mode", value: "true" },
          { label: "Live", value: "false" },
        ].map((option) => (
          <label key={option.value} className="mb-1 flex items-center gap-3 text-lg">
            <input
              type="radio"
              name="trialMode"
              value={option.value}
              defaultChecked={trialMode === (option.value === "true")}
              disabled={!canChangeLimits}
              className="size-6"
            />
            {option.label}
          </label>
        ))}
      </fieldset>

      <h2 className="mb-4 mt-8 text-2xl font-bold">Text messages</h2>
      <YesNo
        name="prefixSms"
        legend="Start text messages with the service name"
        hint={`For example “${settings.name}: Your code is 123456”.`}
        value={value("prefixSms") === "true"}
        error={state.errors.prefixSms}
      />
      <YesNo
        name="canSendInternationalSms"
        legend="Send text messages to international numbers"
        hint="Numbers outside the home country cost more and some countries filter them."
        value={value("canSendInternationalSms") === "true"}
        error={state.errors.canSendInternationalSms}
      />

      <h2 className="mb-4 mt-8 text-2xl font-bold">Limits</h2>
      <TextField
        name="emailMessageLimit"
        label="Emails per day"
        type="number"
        inputMode="numeric"
        width="narrow"
        defaultValue={value("emailMessageLimit")}
        error={state.errors.emailMessageLimit}
        disabled={!canChangeLimits}
        hint={canChangeLimits ? undefined : ADMIN_ONLY_HINT}
      />
      <TextField
        name="smsMessageLimit"
        label="Text messages per day"
        type="number"
        inputMode="numeric"
        width="narrow"
        defaultValue={value("smsMessageLimit")}
        error={state.errors.smsMessageLimit}
        disabled={!canChangeLimits}
        hint={canChangeLimits ? undefined : ADMIN_ONLY_HINT}
      />
      <TextField
        name="rateLimit"
        label="API requests per minute, per key type"
        type="number"
        inputMode="numeric"
        width="narrow"
        defaultValue={value("rateLimit")}
        error={state.errors.rateLimit}
        disabled={!canChangeLimits}
        hint={canChangeLimits ? undefined : ADMIN_ONLY_HINT}
      />

      <h2 className="mb-4 mt-8 text-2xl font-bold">Data retention</h2>
      <TextField
        name="emailRetentionDays"
        label="Keep emails for (days)"
        hint="Between 3 and 90 days. After that, recipients and content are deleted."
        type="number"
        inputMode="numeric"
        width="narrow"
        defaultValue={value("emailRetentionDays")}
        error={state.errors.emailRetentionDays}
      />
      <TextField
        name="smsRetentionDays"
        label="Keep text messages for (days)"
        hint="Between 3 and 90 days."
        type="number"
        inputMode="numeric"
        width="narrow"
        defaultValue={value("smsRetentionDays")}
        error={state.errors.smsRetentionDays}
      />

      <SubmitButton>Save settings</SubmitButton>
    </form>
  );
}

function YesNo({
  name,
  legend,
  hint,
  value,
  error,
}: {
  name: string;
  legend: string;
  hint: string;
  value: boolean;
  error?: string;
}) {
  return (
    <fieldset className={`mb-6 ${error ? "border-l-4 border-error pl-4" : ""}`} aria-describedby={`${name}-hint`}>
      <legend className="text-lg font-bold">{legend}</legend>
      <p id={`${name}-hint`} className="mb-2 text-muted">
        {hint}
      </p>
      {error && <p className="font-bold text-error">{error}</p>}
      {[
        { label: "Yes", value: "true" },
        { label: "No", value: "false" },
      ].map((option) => (
        <label key={option.value} className="mb-1 flex items-center gap-3 text-lg">
          <input
            type="radio"
            name={name}
            value={option.value}
            defaultChecked={value === (option.value === "true")}
            className="size-6"
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
