"use client";

import { useActionState, useId, useState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextArea } from "@/components/ui/text-area";
import { TextField } from "@/components/ui/text-field";
import { initialFormState, type FormState } from "@/lib/http/form-state";
import { previewForEditor } from "@/lib/templates/editor-preview";
import { TemplatePreview } from "./template-preview";

type Props = {
  type: "email" | "sms";
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  initial: { name: string; subject: string; content: string; folderId: string };
  folders?: { id: string; name: string }[];
  sms: { prefix: string | null };
  fromName: string;
  submitLabel: string;
};

const FORMATTING_HELP = (
  <details className="mt-1">
    <summary className="cursor-pointer text-brand underline">Formatting and placeholders</summary>
    <ul className="mt-2 list-disc pl-6">
      <li>Put a placeholder in double brackets: ((first name)).</li>
      <li>Show text only when a placeholder is yes: ((has paid??Thank you for paying.)).</li>
      <li># at the start of a line for a heading, * for a bullet, ^ for inset text, --- for a line.</li>
    </ul>
  </details>
);

/** The template form with a live preview beside it, rendered in the browser by the same code that sends. */
export function TemplateEditor({ type, action, initial, folders, sms, fromName, submitLabel }: Props) {
  const [state, formAction] = useActionState(action, initialFormState);
  const formId = useId();
  // What the last post handed back (after an error, or the look-alikes replaced), else the template.
  const value = (field: keyof Props["initial"]) => (field in state.values ? state.values[field]! : initial[field]);
  const [draft, setDraft] = useState({ subject: value("subject"), content: value("content") });
  const [draftOf, setDraftOf] = useState(state);
  if (draftOf !== state) {
    setDraftOf(state);
    setDraft({ subject: value("subject"), content: value("content") });
  }
  const preview = previewForEditor({ type, subject: draft.subject, content: draft.content }, sms);

  return (
    <div className="grid gap-8 lg:grid-cols-2">
      <form
        id={formId}
        action={formAction}
        noValidate
        onInput={(event) => {
          const data = new FormData(event.currentTarget);
          setDraft({ subject: String(data.get("subject") ?? ""), content: String(data.get("content") ?? "") });
        }}
      >
        <ErrorSummary errors={state.errors} />
        {state.status === "idle" && state.message && <Notice>{state.message}</Notice>}
        <TextField
          name="name"
          label="Template name"
          hint="Your recipients will not see this"
          defaultValue={value("name")}
          error={state.errors.name}
        />
        {type === "email" && (
          <TextField
            name="subject"
            label="Subject line of the email"
            defaultValue={value("subject")}
            error={state.errors.subject}
          />
        )}
        <TextArea
          // A new post's content (the look-alikes replaced) replaces what the box holds.
          key={value("content")}
          name="content"
          label={type === "email" ? "Message" : "Text message"}
          hint={FORMATTING_HELP}
          defaultValue={value("content")}
          error={state.errors.content}
          rows={type === "email" ? 14 : 6}
        />
        {folders && folders.length > 0 && (
          <div className={`mb-6 ${state.errors.folderId ? "border-l-4 border-error pl-4" : ""}`}>
            <label htmlFor="folderId" className="block text-lg font-bold">
              Folder
            </label>
            {state.errors.folderId && <p className="font-bold text-error">{state.errors.folderId}</p>}
            <select
              id="folderId"
              name="folderId"
              defaultValue={value("folderId")}
              className="mt-2 border-2 border-ink p-2 text-lg"
            >
              <option value="">No folder</option>
              {folders.map((folder) => (
                <option key={folder.id} value={folder.id}>
                  {folder.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <SubmitButton>{submitLabel}</SubmitButton>
      </form>
      <section aria-labelledby="preview-heading">
        <h2 id="preview-heading" className="mb-3 text-xl font-bold">
          Preview
        </h2>
        <TemplatePreview preview={preview} fromName={fromName} replaceForm={formId} />
      </section>
    </div>
  );
}
