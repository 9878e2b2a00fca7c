"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/text-field";
import { CODE_NOT_SENT_ERROR, LOCKED_ERROR_PREFIX } from "@/lib/auth/sign-in-errors";

function lockedMessage(error: string): string {
  const until = new Date(error.slice(LOCKED_ERROR_PREFIX.length));
  const time = until.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  return `Too many failed attempts: this account is locked until ${time}. Try again then.`;
}

function messageFor(error: string): string {
  if (error.startsWith(LOCKED_ERROR_PREFIX)) return lockedMessage(error);
  if (error === CODE_NOT_SENT_ERROR) return "We could not send your sign-in code. Try again in a few minutes.";
  return "The email address or password you entered is incorrect";
}

export function SignInForm({ returnTo }: { returnTo: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [email, setEmail] = useState("");

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const enteredEmail = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    setEmail(enteredEmail);
    const missing: Record<string, string> = {};
    if (!enteredEmail) missing.email = "Enter your email address";
    if (!password) missing.password = "Enter your password";
    if (Object.keys(missing).length) return setErrors(missing);

    setPending(true);
    const result = await signIn("credentials", { email: enteredEmail, password, redirect: false });
    setPending(false);
    if (result?.ok && !result.error) {
      // The password was right: the session waits for the code that was just sent.
      router.replace(`/sign-in/code?callbackUrl=${encodeURIComponent(returnTo)}`);
      router.refresh();
      return;
    }
    const error = result?.error ?? "";
    setErrors({ form: messageFor(error) });
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={errors} />
      <TextField
        name="email"
        label="Email address"
        type="email"
        autoComplete="username"
        defaultValue={email}
        error={errors.email}
      />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        error={errors.password}
      />
      <button
        type="submit"
        disabled={pending}
        className="bg-success px-4 py-2 text-lg font-bold text-white shadow-[0_2px_0_#002d18] disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Continue"}
      </button>
    </form>
  );
}
