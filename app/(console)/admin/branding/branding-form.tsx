"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { fieldDescription, FormField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { initialFormState, type FormAction } from "@/lib/http/form-state";

/** A branding's name, colour and logo; the logo is sent with the form (so it works without JavaScript). */
export function BrandingForm({
  action: formAction,
  current,
  submitLabel,
}: {
  action: FormAction;
  current?: { name: string; colour: string; hasLogo: boolean };
  submitLabel: string;
}) {
  const [state, action] = useActionState(formAction, initialFormState);
  const value = (name: "name" | "colour") => (state.status === "error" ? state.values[name] : current?.[name]) ?? "";
  return (
    <form action={action} noValidate className="max-w-2xl">
      <ErrorSummary errors={state.errors} />
      <TextField
        name="name"
        label="Name"
        hint="Shown beside the logo at the top of every email, for example the organisation’s name."
        defaultValue={value("name")}
        error={state.errors.name}
      />
      <TextField
        name="colour"
        label="Colour"
        hint="The banner’s background, as a hex code like #1d70b8. The name is shown in black or white, whichever reads better."
        defaultValue={value("colour")}
        error={state.errors.colour}
        width="narrow"
      />
      <FormField
        name="logo"
        label={current?.hasLogo ? "New logo (optional)" : "Logo (optional)"}
        hint={`A PNG or JPEG image under 500 KB, shown 40 pixels high.${current?.hasLogo ? " Leave empty to keep the current logo." : ""}`}
        error={state.errors.logo}
      >
        <input
          id="logo"
          name="logo"
          type="file"
          accept="image/png,image/jpeg"
          className="mt-2 block text-lg"
          {...fieldDescription("logo", true, state.errors.logo)}
        />
      </FormField>
      <SubmitButton>{submitLabel}</SubmitButton>
    </form>
  );
}
