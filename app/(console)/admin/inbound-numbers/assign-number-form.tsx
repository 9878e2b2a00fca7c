"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { fieldDescription, FormField } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { initialFormState } from "@/lib/http/form-state";
import { assignInboundNumberAction } from "./actions";

export function AssignNumberForm({ services }: { services: { id: string; name: string }[] }) {
  const [state, action] = useActionState(assignInboundNumberAction, initialFormState);
  const value = (name: string) => (state.status === "error" ? state.values[name] : "");
  return (
    <form action={action} noValidate className="max-w-2xl">
      <ErrorSummary errors={state.errors} />
      {state.status === "success" && <Notice>{state.message}</Notice>}
      <TextField
        name="number"
        label="Phone number"
        hint="In international format, for example +447700900123. Set its two-way channel to the inbound SNS topic first."
        defaultValue={value("number")}
        error={state.errors.number}
        type="tel"
        width="narrow"
      />
      <FormField name="serviceId" label="Service" error={state.errors.serviceId}>
        <select
          id="serviceId"
          name="serviceId"
          defaultValue={value("serviceId")}
          className="mt-2 border-2 border-ink p-2 text-lg"
          {...fieldDescription("serviceId", undefined, state.errors.serviceId)}
        >
          <option value="">Choose a service</option>
          {services.map((service) => (
            <option key={service.id} value={service.id}>
              {service.name}
            </option>
          ))}
        </select>
      </FormField>
      <SubmitButton>Give the number to the service</SubmitButton>
    </form>
  );
}
