"use client";

import { startRegistration } from "@simplewebauthn/browser";
import { useState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { initialFormState, type FormState } from "@/lib/http/form-state";
import { addSecurityKeyAction, securityKeyOptionsAction } from "./actions";

/** Adds a security key: the browser asks the person to touch it, then the server keeps its public key. */
export function SecurityKeyForm() {
  const [state, setState] = useState<FormState>(initialFormState);
  const [name, setName] = useState("");

  async function add(formData: FormData) {
    const entered = String(formData.get("keyName") ?? "");
    setName(entered);
    if (!entered.trim())
      return setState({
        status: "error",
        errors: { keyName: "Give the key a name, like “Blue key on my keyring”" },
        values: { keyName: entered },
      });
    try {
      const response = await startRegistration({ optionsJSON: await securityKeyOptionsAction() });
      const result = await addSecurityKeyAction(entered, response);
      setState(result);
      if (result.status === "success") setName("");
    } catch {
      setState({
        status: "error",
        errors: { form: "The key was not added: it was not touched in time, or the browser refused. Try again." },
        values: { keyName: entered },
      });
    }
  }

  return (
    <form action={add} noValidate className="max-w-2xl">
      <ErrorSummary errors={state.errors} />
      {state.status === "success" && <Notice>{state.message}</Notice>}
      <TextField
        key={state.status === "success" ? state.message : "editing"}
        name="keyName"
        label="Name of the key"
        hint="So that you can tell your keys apart."
        defaultValue={name}
        error={state.errors.keyName}
      />
      <SubmitButton variant="secondary">Add a security key</SubmitButton>
    </form>
  );
}
