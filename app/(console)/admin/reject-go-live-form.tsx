"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextArea } from "@/components/ui/text-area";
import { initialFormState, type FormAction } from "@/lib/http/form-state";

/** `submit` is rejectGoLiveAction; the service rides along as a hidden field. */
export function RejectGoLiveForm({
  submit,
  serviceId,
  serviceName,
}: {
  submit: FormAction;
  serviceId: string;
  serviceName: string;
}) {
  const [state, action] = useActionState(submit, initialFormState);
  return (
    <form action={action} noValidate id="reject" className="mb-8 max-w-2xl border-l-8 border-error bg-gray-50 p-4">
      <h3 className="mb-2 text-xl font-bold">Do not make ‘{serviceName}’ live</h3>
      <ErrorSummary errors={state.errors} />
      <input type="hidden" name="serviceId" value={serviceId} />
      <TextArea
        name="reason"
        label="Why not?"
        hint="The service’s team sees this on their settings page, so say what they need to change."
        rows={4}
        defaultValue={state.values.reason}
        error={state.errors.reason ?? state.errors.form}
      />
      <div className="flex items-center gap-6">
        <SubmitButton variant="warning">Reject the request</SubmitButton>
        <a href="/admin" className="text-lg">
          Cancel
        </a>
      </div>
    </form>
  );
}
