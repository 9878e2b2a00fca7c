"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { initialFormState, type FormAction, type FormState } from "@/lib/http/form-state";

const kept = (state: FormState, name: string) => (state.status === "error" ? state.values[name] : "");

export function CreateListForm({ submit }: { submit: FormAction }) {
  const [state, action] = useActionState(submit, initialFormState);
  return (
    <form action={action} noValidate className="max-w-2xl">
      <ErrorSummary errors={state.errors} />
      <TextField
        name="name"
        label="List name"
        hint="For example: Newsletter"
        defaultValue={kept(state, "name")}
        error={state.errors.name}
      />
      <SubmitButton>Create the list</SubmitButton>
    </form>
  );
}

export function AddSubscriberForm({ submit }: { submit: FormAction }) {
  const [state, action] = useActionState(submit, initialFormState);
  return (
    <form action={action} noValidate className="max-w-2xl">
      <ErrorSummary errors={state.errors} />
      {state.status === "success" && <Notice>{state.message}</Notice>}
      <TextField
        name="email"
        label="Email address"
        type="email"
        autoComplete="off"
        defaultValue={kept(state, "email")}
        error={state.errors.email}
      />
      <TextField name="name" label="Name (optional)" defaultValue={kept(state, "name")} error={state.errors.name} />
      <SubmitButton>Add to the list</SubmitButton>
    </form>
  );
}

const OPERATORS = [
  { value: "equals", label: "is" },
  { value: "contains", label: "contains" },
  { value: "is_set", label: "has any value" },
  { value: "before", label: "is a date before" },
  { value: "after", label: "is a date after" },
];

export function SegmentForm({ submit, fields }: { submit: FormAction; fields: string[] }) {
  const [state, action] = useActionState(submit, initialFormState);
  const value = (name: string) => state.values[name] ?? "";
  return (
    <form action={action} noValidate className="max-w-3xl">
      <ErrorSummary errors={state.errors} />
      {state.status === "success" && <Notice>{state.message}</Notice>}
      <TextField
        name="segmentName"
        label="Segment name"
        defaultValue={value("segmentName")}
        error={state.errors.segmentName}
      />
      <fieldset className="mb-6">
        <legend className="mb-2 text-lg font-bold">Include subscribers who match</legend>
        <label className="mr-6 text-lg">
          <input type="radio" name="match" value="all" defaultChecked={value("match") !== "any"} className="mr-2" />
          all of the conditions
        </label>
        <label className="text-lg">
          <input type="radio" name="match" value="any" defaultChecked={value("match") === "any"} className="mr-2" />
          any of them
        </label>
      </fieldset>
      {[0, 1, 2].map((index) => (
        <fieldset key={index} className="mb-4 flex flex-wrap items-end gap-3">
          <legend className="sr-only">Condition {index + 1}</legend>
          <label className="text-lg">
            <span className="block font-bold">Attribute</span>
            <input
              name={`field-${index}`}
              list="segment-fields"
              defaultValue={value(`field-${index}`)}
              className="mt-1 block w-48 border-2 border-ink px-2 py-1.5"
            />
          </label>
          <label className="text-lg">
            <span className="block font-bold">Condition</span>
            <select
              name={`operator-${index}`}
              defaultValue={value(`operator-${index}`) || "equals"}
              className="mt-1 block border-2 border-ink px-2 py-1.5"
            >
              {OPERATORS.map((operator) => (
                <option key={operator.value} value={operator.value}>
                  {operator.label}
                </option>
              ))}
            </select>
          </label>
          <label className="text-lg">
            <span className="block font-bold">Value</span>
            <input
              name={`value-${index}`}
              defaultValue={value(`value-${index}`)}
              className="mt-1 block w-48 border-2 border-ink px-2 py-1.5"
            />
          </label>
        </fieldset>
      ))}
      <datalist id="segment-fields">
        {fields.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {Object.entries(state.errors)
        .filter(([key]) => key.startsWith("conditions"))
        .map(([key, message]) => (
          <p key={key} className="mb-4 font-bold text-error">
            {message}
          </p>
        ))}
      <div className="flex gap-4">
        <button
          type="submit"
          name="intent"
          value="count"
          className="bg-gray-200 px-4 py-2 text-lg font-bold text-ink shadow-[0_2px_0_#002d18]"
        >
          Count who matches
        </button>
        <button
          type="submit"
          name="intent"
          value="save"
          className="bg-success px-4 py-2 text-lg font-bold text-white shadow-[0_2px_0_#002d18]"
        >
          Save the segment
        </button>
      </div>
    </form>
  );
}
