"use client";

import { useActionState } from "react";
import { DateTime } from "@/components/ui/date-time";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/text-field";
import { initialFormState, type FormAction } from "@/lib/http/form-state";
import type { OneOffState } from "./actions";

type Props = {
  /** oneOffAction bound to the service and the template. */
  submit: FormAction<OneOffState>;
  type: "email" | "sms";
  placeholders: string[];
  senders: { id: string; label: string; isDefault: boolean }[];
  myAddress: string | null;
  initialRecipient: string;
};

export function OneOffForm({ submit, type, placeholders, senders, myAddress, initialRecipient }: Props) {
  const [state, action] = useActionState<OneOffState, FormData>(submit, initialFormState);
  const values = state.values;
  const checked = state.status === "success" ? state.checked : undefined;
  const noun = type === "email" ? "email" : "text message";

  return (
    <form action={action} noValidate className="max-w-2xl" key={checked ? "checked" : "editing"}>
      <ErrorSummary errors={state.errors} />
      <div hidden={Boolean(checked)}>
        <TextField
          name="recipient"
          label={type === "email" ? "Email address" : "Mobile number"}
          type={type === "email" ? "email" : "tel"}
          autoComplete="off"
          defaultValue={values.recipient ?? initialRecipient}
          error={state.errors.recipient}
        />
        {myAddress && (
          <p className="-mt-4 mb-6">
            <button
              type="button"
              className="text-brand underline"
              onClick={() => {
                const input = document.getElementById("recipient") as HTMLInputElement | null;
                if (!input) return;
                input.value = myAddress;
                input.focus();
              }}
            >
              Use my {type === "email" ? "email address" : "mobile number"} (send yourself a test)
            </button>
          </p>
        )}
        {placeholders.map((name) => (
          <TextField
            key={name}
            name={`p:${name}`}
            label={name}
            defaultValue={values[`p:${name}`] ?? ""}
            error={state.errors[`p:${name}`]}
          />
        ))}
        {senders.length > 1 && (
          <div className="mb-6">
            <label htmlFor="senderId" className="block text-lg font-bold">
              {type === "email" ? "Reply-to address" : "Text message sender"}
            </label>
            <select
              id="senderId"
              name="senderId"
              defaultValue={values.senderId ?? senders.find((sender) => sender.isDefault)?.id ?? ""}
              className="mt-2 border-2 border-ink p-2 text-lg"
            >
              {senders.map((sender) => (
                <option key={sender.id} value={sender.id}>
                  {sender.label}
                  {sender.isDefault ? " (default)" : ""}
                </option>
              ))}
            </select>
          </div>
        )}
        <fieldset className="mb-6">
          <legend className="text-lg font-bold">When to send</legend>
          <label className="mt-2 flex items-center gap-3 text-lg">
            <input type="radio" name="when" value="now" defaultChecked={values.when !== "later"} />
            Now
          </label>
          <label className="mt-2 flex items-center gap-3 text-lg">
            <input type="radio" name="when" value="later" defaultChecked={values.when === "later"} />
            Later, up to 7 days from now
          </label>
          <div className="ml-[52px] mt-2">
            <label htmlFor="scheduledFor" className="block text-lg">
              When, if later (UTC)
            </label>
            {state.errors.scheduledFor && (
              <p id="scheduledFor-error" className="font-bold text-error">
                <span className="sr-only">Error: </span>
                {state.errors.scheduledFor}
              </p>
            )}
            <input
              id="scheduledFor"
              name="scheduledFor"
              type="datetime-local"
              defaultValue={values.scheduledFor ?? ""}
              aria-describedby={state.errors.scheduledFor ? "scheduledFor-error" : undefined}
              className={`mt-1 border-2 p-2 text-lg ${state.errors.scheduledFor ? "border-error" : "border-ink"}`}
            />
          </div>
        </fieldset>
        <button
          type="submit"
          name="intent"
          value="check"
          className="bg-success px-4 py-2 text-lg font-bold text-white shadow-[0_2px_0_#002d18]"
        >
          Continue
        </button>
      </div>
      {checked && (
        <section aria-labelledby="check-heading">
          <h2 id="check-heading" className="mb-4 text-2xl font-bold">
            Check your {noun}
          </h2>
          <dl className="mb-4 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-lg">
            <dt className="font-bold">To</dt>
            <dd className="break-all">{checked.to}</dd>
            {checked.replyTo && (
              <>
                <dt className="font-bold">Reply to</dt>
                <dd>{checked.replyTo}</dd>
              </>
            )}
            {checked.smsSender && (
              <>
                <dt className="font-bold">From</dt>
                <dd>{checked.smsSender}</dd>
              </>
            )}
            {checked.scheduledFor && (
              <>
                <dt className="font-bold">Sends at</dt>
                <dd>
                  <DateTime value={checked.scheduledFor} /> UTC
                </dd>
              </>
            )}
            {checked.subject && (
              <>
                <dt className="font-bold">Subject</dt>
                <dd>{checked.subject}</dd>
              </>
            )}
          </dl>
          {checked.html !== null ? (
            // The email as delivery renders it; values in it are escaped by the renderer.
            <div
              className="template-preview mb-6 border-2 border-line p-4"
              data-testid="message-preview"
              dangerouslySetInnerHTML={{ __html: checked.html }}
            />
          ) : (
            <div className="mb-6 max-w-sm whitespace-pre-wrap rounded-lg bg-gray-200 p-4" data-testid="message-preview">
              {checked.text}
            </div>
          )}
          <div className="flex items-center gap-6">
            <button
              type="submit"
              name="intent"
              value="send"
              className="bg-success px-4 py-2 text-lg font-bold text-white shadow-[0_2px_0_#002d18]"
            >
              {checked.scheduledFor ? `Schedule 1 ${noun}` : `Send 1 ${noun}`}
            </button>
            <button type="submit" name="intent" value="edit" className="text-lg text-brand underline">
              Change
            </button>
          </div>
        </section>
      )}
    </form>
  );
}
