"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState, type FormAction } from "@/lib/http/form-state";

/** Radios of the platform's brandings, each shown as its banner, and "None". */
export function BrandingChoiceForm({
  action: formAction,
  choices,
  current,
}: {
  action: FormAction;
  choices: { id: string; name: string; bannerHtml: string }[];
  current: string | null;
}) {
  const [state, action] = useActionState(formAction, initialFormState);
  const chosen = state.status === "error" ? state.values.brandingId : (current ?? "none");
  const error = state.errors.brandingId;
  return (
    <form action={action} noValidate className="max-w-2xl">
      <ErrorSummary errors={state.errors} />
      {state.status === "success" && <Notice>{state.message}</Notice>}
      <fieldset
        className={`mb-6 ${error ? "border-l-4 border-error pl-4" : ""}`}
        aria-describedby={error ? "brandingId-error" : undefined}
      >
        <legend className="mb-2 text-lg font-bold">Email branding</legend>
        {error && (
          <p id="brandingId-error" className="font-bold text-error">
            <span className="sr-only">Error: </span>
            {error}
          </p>
        )}
        <label className="mb-3 flex items-center gap-3 text-lg">
          <input type="radio" name="brandingId" value="none" defaultChecked={chosen === "none"} className="size-6" />
          None: the plain header
        </label>
        {choices.map((choice, index) => (
          <div key={choice.id} className="mb-3 flex items-start gap-3">
            <input
              id={index === 0 ? "brandingId" : `brandingId-${choice.id}`}
              type="radio"
              name="brandingId"
              value={choice.id}
              defaultChecked={chosen === choice.id}
              className="mt-1 size-6"
            />
            <div className="flex-1">
              <label htmlFor={index === 0 ? "brandingId" : `brandingId-${choice.id}`} className="text-lg">
                {choice.name}
              </label>
              <div className="mt-1" aria-hidden="true" dangerouslySetInnerHTML={{ __html: choice.bannerHtml }} />
            </div>
          </div>
        ))}
      </fieldset>
      <SubmitButton>Save</SubmitButton>
    </form>
  );
}
