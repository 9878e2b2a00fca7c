"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth/sign-in";
import { formValues, type FormState } from "@/lib/http/form-state";
import { safeReturnPath } from "@/lib/http/return-path";
import { dropSession, holdSession } from "@/lib/http/session";

const failed = (formData: FormData, errors: Record<string, string>): FormState => ({
  status: "error",
  errors,
  values: formValues(formData),
});

const minutesUntil = (time: Date) => Math.max(1, Math.ceil((time.getTime() - Date.now()) / 60_000));

/**
 * Checks the password and, when it is right, opens a session that waits for the sign-in code
 * just sent. A server action, so that the form works as a plain HTML post too.
 */
export async function signInAction(returnTo: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const email = String(formData.get("email") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  const missing: Record<string, string> = {};
  if (!email) missing.email = "Enter your email address";
  if (!password) missing.password = "Enter your password";
  if (Object.keys(missing).length > 0) return failed(formData, missing);

  const requestHeaders = await headers();
  const result = await signIn({
    email,
    password,
    ipAddress: requestHeaders.get("x-forwarded-for")?.split(",")[0]?.trim() || null,
    userAgent: requestHeaders.get("user-agent"),
  });
  if (result.outcome === "locked")
    return failed(formData, {
      form: `Too many failed attempts: this account is locked for ${minutesUntil(result.lockedUntil)} minutes. Try again then.`,
    });
  if (result.outcome === "code-not-sent")
    return failed(formData, { form: "We could not send your sign-in code. Try again in a few minutes." });
  if (result.outcome === "suspended")
    return failed(formData, {
      form: "Your account is suspended. Ask a platform administrator of Tidings to reactivate it.",
    });
  if (result.outcome === "invalid")
    return failed(formData, { form: "The email address or password you entered is incorrect" });
  await holdSession(result.sessionId);
  redirect(`/sign-in/code?callbackUrl=${encodeURIComponent(safeReturnPath(returnTo))}`);
}

export async function signOutAction(): Promise<void> {
  await dropSession();
  redirect("/sign-in");
}
