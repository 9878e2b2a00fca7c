"use client";

import { useActionState, useRef, useState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState, type FormAction } from "@/lib/http/form-state";

type DirectUploadSteps = {
  start: (file: {
    name: string;
    size: number;
  }) => Promise<{ fileId: string; url: string; contentType: string } | { error: string }>;
  finish: (fileId: string, fileName: string) => Promise<{ error: string }>;
};

const keepState: FormAction = async (previous) => previous;

/**
 * Choose a spreadsheet and upload it (recipients for a send, subscribers for a list). With JavaScript the browser PUTs it straight to S3 at a
 * presigned URL (any size up to the limit, never through the web app) and shows how much has gone;
 * should that fail, or without JavaScript, the form posts the file to `to`: a route handler's URL
 * that streams it on to S3 (and comes back here with `error` when it cannot be used), or a server
 * action, which Next.js holds whole in memory.
 */
export function UploadForm({
  to,
  direct,
  accept,
  label,
  hint,
  button,
}: {
  to: { url: string; error: string | null } | { submit: FormAction };
  direct: DirectUploadSteps;
  accept: string;
  label: string;
  hint: string;
  button: string;
}) {
  const [sent, setSent] = useState<number | null>(null);
  const [directError, setDirectError] = useState<string | null>(null);
  const throughWebApp = useRef(false);
  // Called whichever way the form posts (a hook may not be skipped); a URL's form never runs it.
  const [state, formAction] = useActionState("submit" in to ? to.submit : keepState, initialFormState);
  const postedError = "url" in to ? to.error : (state.errors.file ?? null);
  const shownError = directError ?? (sent === null ? postedError : null);

  const uploadDirectly = async (form: HTMLFormElement, file: File) => {
    const started = await direct.start({ name: file.name, size: file.size });
    if ("error" in started) return setDirectError(started.error);
    const put = await new Promise<boolean>((resolve) => {
      const request = new XMLHttpRequest();
      request.open("PUT", started.url);
      request.setRequestHeader("Content-Type", started.contentType);
      request.upload.onprogress = (event) => setSent(event.lengthComputable ? event.loaded / event.total : null);
      request.onload = () => resolve(request.status >= 200 && request.status < 300);
      request.onerror = () => resolve(false);
      request.send(file);
    });
    if (put) {
      const finished = await direct.finish(started.fileId, file.name);
      return setDirectError(finished.error);
    }
    // S3 could not be reached from this browser: send the file through the web app instead.
    setSent(null);
    throughWebApp.current = true;
    form.requestSubmit();
  };

  return (
    <form
      action={"url" in to ? to.url : formAction}
      method={"url" in to ? "post" : undefined}
      encType="multipart/form-data"
      className="max-w-2xl"
      onSubmit={(event) => {
        const form = event.currentTarget;
        const file = (form.elements.namedItem("file") as HTMLInputElement | null)?.files?.[0];
        if (throughWebApp.current || !file) return;
        event.preventDefault();
        setDirectError(null);
        setSent(0);
        void uploadDirectly(form, file);
      }}
    >
      <ErrorSummary errors={shownError ? { file: shownError } : {}} />
      {sent !== null && (
        <p role="status" className="mb-4 text-lg">
          Uploading: {Math.round(sent * 100)}%
        </p>
      )}
      <div className="mb-6">
        <label htmlFor="file" className="block text-lg font-bold">
          {label}
        </label>
        <p id="file-hint" className="text-muted">
          {hint}
        </p>
        {shownError && (
          <p id="file-error" className="font-bold text-error">
            {shownError}
          </p>
        )}
        <input
          id="file"
          name="file"
          type="file"
          accept={accept}
          aria-describedby={shownError ? "file-hint file-error" : "file-hint"}
          className="mt-2 block text-lg"
        />
      </div>
      <SubmitButton>{button}</SubmitButton>
    </form>
  );
}

/** Send now or at one of the hours offered (up to 7 days ahead). */
export function SendForm({
  submit,
  times,
  label,
}: {
  submit: FormAction;
  times: { value: string; label: string }[];
  label: string;
}) {
  const [state, action] = useActionState(submit, initialFormState);
  return (
    <form action={action} className="max-w-2xl">
      <ErrorSummary errors={state.errors} />
      <div className="mb-6">
        <label htmlFor="when" className="block text-lg font-bold">
          When to send
        </label>
        {state.errors.when && <p className="font-bold text-error">{state.errors.when}</p>}
        <select id="when" name="when" defaultValue="now" className="mt-2 border-2 border-ink p-2 text-lg">
          <option value="now">Now</option>
          {times.map((time) => (
            <option key={time.value} value={time.value}>
              {time.label}
            </option>
          ))}
        </select>
      </div>
      <SubmitButton>{label}</SubmitButton>
    </form>
  );
}

/** A single button that posts its action (cancel a scheduled job). */
export function ActionButton({ submit, label }: { submit: FormAction; label: string }) {
  const [state, action] = useActionState(submit, initialFormState);
  return (
    <form action={action} className="mb-6">
      <ErrorSummary errors={state.errors} />
      <SubmitButton variant="warning">{label}</SubmitButton>
    </form>
  );
}
