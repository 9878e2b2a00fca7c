import { isAppError } from "@/lib/errors";

/** What a server action hands back to its form: errors beside fields, and what the user typed. */
export type FormState = {
  status: "idle" | "error" | "success";
  message?: string;
  errors: Record<string, string>;
  values: Record<string, string>;
};

export const initialFormState: FormState = { status: "idle", errors: {}, values: {} };

/**
 * A server action a form hands to useActionState. Pages bind its leading arguments (the service,
 * the template…) on the server and pass it down: an action bound in a client component's render
 * is a new reference on every render, and when a form is posted without JavaScript React's
 * server render suspends on each new one in turn, looping for ever (vercel/next.js#57867).
 */
export type FormAction<State = FormState> = (previous: State, formData: FormData) => Promise<State>;

// Never echo passwords back into the page.
const UNECHOED_FIELDS = new Set(["password", "confirmPassword", "currentPassword"]);

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION") && !UNECHOED_FIELDS.has(key)) values[key] = value;
  }
  return values;
}

/**
 * The errors in the order of the form's fields (a form posts its fields in page order), so that the
 * error summary lists them as the page shows them. Errors of fields that posted nothing (a radio
 * group left unchosen) keep their place among themselves, after those that did.
 * @internal Exported for its tests.
 */
export function inFieldOrder(errors: Record<string, string>, fieldNames: string[]): Record<string, string> {
  const position = (field: string) => {
    const index = fieldNames.indexOf(field);
    return index === -1 ? fieldNames.length : index;
  };
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => position(a) - position(b)));
}

/**
 * Runs a lib call for a form. Expected failures (AppError) become field errors; anything else is
 * a bug and propagates to the error page.
 */
export async function runFormAction(formData: FormData, action: () => Promise<string | void>): Promise<FormState> {
  const values = formValues(formData);
  try {
    const message = await action();
    return { status: "success", message: message ?? undefined, errors: {}, values };
  } catch (error) {
    if (!isAppError(error)) throw error;
    const errors =
      Object.keys(error.fieldErrors).length > 0
        ? inFieldOrder(error.fieldErrors, [...formData.keys()])
        : { form: error.message };
    return { status: "error", message: error.message, errors, values };
  }
}
