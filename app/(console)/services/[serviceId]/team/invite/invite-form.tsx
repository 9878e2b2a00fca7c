"use client";

import { useActionState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { PermissionCheckboxes } from "@/components/ui/permission-checkboxes";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { initialFormState, type FormAction } from "@/lib/http/form-state";
import type { TeamFormState } from "../actions";

const initialState: TeamFormState = { ...initialFormState, permissions: [] };

export function InviteForm({
  submit,
  permissionOptions,
}: {
  /** inviteAction bound to the service. */
  submit: FormAction<TeamFormState>;
  permissionOptions: { value: string; label: string }[];
}) {
  const [state, action] = useActionState(submit, initialState);
  const failed = state.status === "error";
  return (
    <>
      {state.status === "success" && state.link && (
        <div role="status" className="mb-8 border-l-8 border-success bg-gray-50 px-4 py-3 text-lg">
          <h2 className="mb-2 text-xl font-bold">Invitation created for {state.message}</h2>
          <p className="mb-2">
            We emailed them this link. You can also send it yourself. It works once and expires in 2 days, and this is
            the only time it is shown.
          </p>
          <p id="invitation-link" className="mb-3 break-all border-2 border-ink bg-white px-2 py-1.5 font-mono">
            {state.link}
          </p>
          <CopyButton value={state.link} label="Copy the link" />
        </div>
      )}
      <form action={action} noValidate className="max-w-2xl">
        <ErrorSummary errors={state.errors} />
        <TextField
          name="email"
          label="Email address"
          type="email"
          autoComplete="off"
          defaultValue={failed ? state.values.email : ""}
          error={state.errors.email}
        />
        <PermissionCheckboxes
          options={permissionOptions}
          checked={failed ? state.permissions : []}
          error={state.errors.permissions}
        />
        <SubmitButton>Create invitation</SubmitButton>
      </form>
    </>
  );
}
