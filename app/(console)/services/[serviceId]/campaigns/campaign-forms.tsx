"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { FormField } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextArea } from "@/components/ui/text-area";
import { TextField } from "@/components/ui/text-field";
import { initialFormState, type FormAction } from "@/lib/http/form-state";

type Choices = {
  templates: { id: string; name: string; placeholders: string[] }[];
  lists: { id: string; name: string; subscribed: number; segments: { id: string; name: string }[] }[];
  /** The service's email contact lists without errors. */
  contactLists: { id: string; name: string; rows: number }[];
  replyTos: { id: string; emailAddress: string; isDefault: boolean }[];
};

const selectClasses = "mt-2 block border-2 border-ink px-2 py-1.5 text-lg";

/** `submit` is createCampaignAction bound to the service. */
export function CampaignForm({ submit, choices }: { submit: FormAction; choices: Choices }) {
  const [state, action] = useActionState(submit, initialFormState);
  const value = (name: string) => (state.status === "error" ? (state.values[name] ?? "") : "");
  const placeholders = [...new Set(choices.templates.flatMap((template) => template.placeholders))];
  return (
    <form action={action} noValidate className="max-w-3xl">
      <ErrorSummary errors={state.errors} />
      <TextField
        name="name"
        label="Campaign name"
        hint="Only your team sees this"
        defaultValue={value("name")}
        error={state.errors.name}
      />
      <FormField name="templateId" label="Email template" error={state.errors.templateId}>
        <select id="templateId" name="templateId" defaultValue={value("templateId")} className={selectClasses}>
          <option value="">Choose a template</option>
          {choices.templates.map((template) => (
            <option key={template.id} value={template.id}>
              {template.name}
            </option>
          ))}
        </select>
      </FormField>
      <fieldset className={`mb-6 ${state.errors.audiences ? "border-l-4 border-error pl-4" : ""}`}>
        <legend className="text-lg font-bold">Send to</legend>
        <p className="mb-2 text-muted">Someone on several of these lists gets the email once.</p>
        {state.errors.audiences && <p className="mb-2 font-bold text-error">{state.errors.audiences}</p>}
        {choices.lists.map((list) => (
          <div key={list.id} className="mb-3 flex flex-wrap items-center gap-4">
            <label className="text-lg">
              <input type="checkbox" name="listId" value={list.id} className="mr-2 size-5 align-middle" />
              {list.name} ({list.subscribed.toLocaleString("en-GB")} subscribed)
            </label>
            {list.segments.length > 0 && (
              <label className="text-lg">
                <span className="sr-only">Segment of {list.name}</span>
                <select name={`segment-${list.id}`} className="border-2 border-ink px-2 py-1">
                  <option value="">Everyone on the list</option>
                  {list.segments.map((segment) => (
                    <option key={segment.id} value={segment.id}>
                      Only the segment: {segment.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
        ))}
        <p className="mb-2 mt-4 font-bold">Contact lists</p>
        <p className="mb-2 text-muted">
          A contact list is copied into a mailing list of its own, so that everyone on it can unsubscribe. Only lists of
          email addresses can receive a campaign: text message contact lists are not shown.
        </p>
        {choices.contactLists.length === 0 && <p className="mb-2">The service has no email contact lists.</p>}
        {choices.contactLists.map((list) => (
          <div key={list.id} className="mb-3">
            <label className="text-lg">
              <input type="checkbox" name="contactListId" value={list.id} className="mr-2 size-5 align-middle" />
              {list.name} (contact list, {list.rows.toLocaleString("en-GB")} {list.rows === 1 ? "row" : "rows"})
            </label>
          </div>
        ))}
      </fieldset>
      <TextField
        name="subject"
        label="Subject (optional)"
        hint="Leave empty to use the template’s subject"
        defaultValue={value("subject")}
        error={state.errors.subject}
      />
      <TextField
        name="fromName"
        label="From name (optional)"
        hint="Leave empty to send from your service’s name"
        defaultValue={value("fromName")}
        error={state.errors.fromName}
      />
      {choices.replyTos.length > 0 && (
        <FormField name="replyToId" label="Reply-to address" error={state.errors.replyToId}>
          <select id="replyToId" name="replyToId" defaultValue={value("replyToId")} className={selectClasses}>
            {choices.replyTos.map((replyTo) => (
              <option key={replyTo.id} value={replyTo.isDefault ? "" : replyTo.id}>
                {replyTo.emailAddress}
                {replyTo.isDefault ? " (default)" : ""}
              </option>
            ))}
          </select>
        </FormField>
      )}
      <TextArea
        name="fallbacks"
        label="Fallbacks for placeholders (optional)"
        hint={
          <>
            Used when a subscriber has no value for a placeholder: one per line, like <code>first name: there</code>.
            {placeholders.length > 0 && ` Your templates use: ${placeholders.join(", ")}.`}
          </>
        }
        rows={4}
        defaultValue={value("fallbacks")}
        error={state.errors.fallbacks}
      />
      <fieldset className="mb-6">
        <legend className="text-lg font-bold">Tracking</legend>
        <label className="text-lg">
          <input type="checkbox" name="trackEngagement" value="yes" className="mr-2 size-5 align-middle" />
          Track who opens the email and clicks its links
        </label>
        <p className="mt-1 text-muted">
          Off unless you choose it: tracking adds an invisible image and rewrites links, which some people see as an
          invasion of privacy (GOV.UK Notify never tracks).
        </p>
      </fieldset>
      <SubmitButton>Save the campaign</SubmitButton>
    </form>
  );
}

export function SendTestForm({ submit }: { submit: FormAction }) {
  const [state, action] = useActionState(submit, initialFormState);
  return (
    <form action={action} className="mb-6">
      <ErrorSummary errors={state.errors} />
      {state.status === "success" && <Notice>{state.message}</Notice>}
      <SubmitButton variant="secondary">Send a test to myself</SubmitButton>
    </form>
  );
}

export function SendForm({ submit, sendable }: { submit: FormAction; sendable: number }) {
  const [state, action] = useActionState(submit, initialFormState);
  return (
    <form action={action} noValidate className="max-w-2xl">
      <ErrorSummary errors={state.errors} />
      <fieldset className="mb-4">
        <legend className="text-lg font-bold">When</legend>
        <label className="mr-6 block text-lg">
          <input type="radio" name="when" value="now" defaultChecked className="mr-2" />
          Send now
        </label>
        <label className="block text-lg">
          <input type="radio" name="when" value="later" className="mr-2" />
          Schedule it
        </label>
      </fieldset>
      <FormField
        name="scheduledFor"
        label="Date and time to send (UTC), if scheduled"
        error={state.errors.scheduledFor}
      >
        <input id="scheduledFor" name="scheduledFor" type="datetime-local" className={selectClasses} />
      </FormField>
      <SubmitButton>
        Send to {sendable.toLocaleString("en-GB")} {sendable === 1 ? "person" : "people"}
      </SubmitButton>
    </form>
  );
}
