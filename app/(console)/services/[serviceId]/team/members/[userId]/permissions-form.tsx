"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { PermissionCheckboxes } from "@/components/ui/permission-checkboxes";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState, type FormAction } from "@/lib/http/form-state";
import type { TeamFormState } from "../../actions";

export function PermissionsForm({
  submit,
  permissionOptions,
  current,
}: {
  /** changePermissionsAction bound to the service and the member. */
  submit: FormAction<TeamFormState>;
  permissionOptions: { value: string; label: string }[];
  current: string[];
}) {
  const [state, action] = useActionState(submit, {
    ...initialFormState,
    permissions: current,
  } satisfies TeamFormState);
  return (
    <form action={action} noValidate className="max-w-2xl">
      <ErrorSummary errors={state.errors} />
      <PermissionCheckboxes options={permissionOptions} checked={state.permissions} error={state.errors.permissions} />
      <SubmitButton>Save permissions</SubmitButton>
    </form>
  );
}
