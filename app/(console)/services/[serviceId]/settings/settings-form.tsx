"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { initialFormState, type FormAction } from "@/lib/http/form-state";
import type { ServiceSettings } from "@/lib/services/schemas";

const ADMIN_ONLY_HINT = "Only platform administrators can change this.";

/** The settings page's sections, each changed on a page of its own; "all" is every field in one form. */

/** The sending limits, each a whole number only platform admins change. */
const LIMITS = [
  ["emailMessageLimit", "Emails per day"],
  ["smsMessageLimit", "Text messages per day"],
  ["rateLimit", "API requests per minute, per key type"],
] as const;

export type SettingsSection = "all" | "name" | "trial-mode" | "text-messages" | "limits" | "retention";

export function SettingsForm({
  submit,
  settings,
  canChangeLimits,
  section = "all",
}: {
  /** updateSettingsAction bound to the service. */
  submit: FormAction;
  settings: ServiceSettings;
  canChangeLimits: boolean;
  /** Which fields to show; only those are posted, so only those change. */
  section?: SettingsSection;
}) {
  const shows = (part: SettingsSection) => section === "all" || section === part;
  const heading = (text: string) => section === "all" && <h2 className="mb-4 mt-8 text-2xl font-bold">{text}</h2>;
  const [state, action] = useActionState(submit, initialFormState);
  const value = (field: keyof ServiceSettings) =>
    state.status === "error" && field in state.values ? state.values[field] : String(settings[field]);
  const trialMode = value("trialMode") === "true";

  return (
    <form action={action} noValidate className="max-w-2xl">
      <ErrorSummary errors={state.errors} />
      {state.status === "success" && <Notice>{state.message}</Notice>}

      {shows("name") && (
        <TextField name="name" label="Service name" defaultValue={value("name")} error={state.errors.name} />
      )}

      {shows("trial-mode") && (
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
      )}

      {shows("text-messages") && (
        <>
          {heading("Text messages")}
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
        </>
      )}

      {shows("limits") && (
        <>
          {heading("Limits")}
          {LIMITS.map(([name, label]) => (
            <TextField
              key={name}
              name={name}
              label={label}
              type="number"
              inputMode="numeric"
              width="narrow"
              defaultValue={value(name)}
              error={state.errors[name]}
              disabled={!canChangeLimits}
              hint={canChangeLimits ? undefined : ADMIN_ONLY_HINT}
            />
          ))}
        </>
      )}

      {shows("retention") && (
        <>
          {heading("Data retention")}
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
        </>
      )}

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
