"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { initialFormState, type FormAction } from "@/lib/http/form-state";

/** Name a list, say what it holds and choose its file. */
export function ContactListForm({ submit }: { submit: FormAction }) {
  const [state, action] = useActionState(submit, initialFormState);
  return (
    <form action={action} encType="multipart/form-data" className="max-w-2xl">
      <ErrorSummary errors={state.errors} />
      <TextField
        name="name"
        label="Name of the list"
        defaultValue={state.values.name ?? ""}
        error={state.errors.name}
      />
      <fieldset className="mb-6">
        <legend className="text-lg font-bold">It holds</legend>
        {[
          ["email", "Email addresses (a column called ‘email address’)"],
          ["sms", "Mobile numbers (a column called ‘phone number’)"],
        ].map(([value, label]) => (
          <label key={value} className="mt-2 flex items-center gap-2 text-lg">
            <input type="radio" name="type" value={value} defaultChecked={(state.values.type ?? "email") === value} />
            {label}
          </label>
        ))}
      </fieldset>
      <div className="mb-6">
        <label htmlFor="file" className="block text-lg font-bold">
          Spreadsheet
        </label>
        {state.errors.file && <p className="font-bold text-error">{state.errors.file}</p>}
        <input id="file" name="file" type="file" accept=".csv,.tsv,.xlsx,.xlsm,.ods" className="mt-2 block text-lg" />
      </div>
      <SubmitButton>Save contact list</SubmitButton>
    </form>
  );
}

/** Choose one of the service's templates of the list's kind and check the list against it. */
export function SendToListForm({
  submit,
  templates,
}: {
  submit: FormAction;
  templates: { id: string; name: string }[];
}) {
  const [state, action] = useActionState(submit, initialFormState);
  return (
    <form action={action} className="mb-8 max-w-2xl">
      <ErrorSummary errors={state.errors} />
      <label htmlFor="templateId" className="block text-lg font-bold">
        Template
      </label>
      {state.errors.templateId && <p className="font-bold text-error">{state.errors.templateId}</p>}
      <select id="templateId" name="templateId" className="mt-2 mb-4 block border-2 border-ink p-2 text-lg">
        {templates.map((template) => (
          <option key={template.id} value={template.id}>
            {template.name}
          </option>
        ))}
      </select>
      <SubmitButton>Check and send</SubmitButton>
    </form>
  );
}
