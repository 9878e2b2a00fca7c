"use client";

import { useActionState } from "react";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { initialFormState, type FormAction } from "@/lib/http/form-state";

/** `submit` is createFolderAction bound to the service. */
export function FolderForm({ submit }: { submit: FormAction }) {
  const [state, action] = useActionState(submit, initialFormState);
  return (
    <form action={action} noValidate className="mt-8 max-w-md">
      {state.status === "success" && <Notice>{state.message}</Notice>}
      <TextField
        name="name"
        label="New folder"
        width="narrow"
        defaultValue={state.status === "error" ? state.values.name : ""}
        error={state.errors.name}
      />
      <SubmitButton variant="secondary">Add folder</SubmitButton>
    </form>
  );
}
