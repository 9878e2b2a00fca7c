"use client";

import { startAuthentication } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { confirmSecurityKeyAction, securityKeySignInOptionsAction } from "./actions";

/** Confirms sign-in with one of the person's security keys instead of the code. */
export function SecurityKeySignIn({ returnTo }: { returnTo: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function confirmWithKey() {
    let result;
    try {
      result = await confirmSecurityKeyAction(
        await startAuthentication({ optionsJSON: await securityKeySignInOptionsAction() }),
      );
    } catch {
      return setErrors({
        form: "Your security key was not used: it was not touched in time, or the browser refused. Try again, or use the code.",
      });
    }
    if (result.status !== "success") return setErrors(result.errors);
    router.replace(returnTo);
    router.refresh();
  }

  return (
    <form action={confirmWithKey} className="mt-10 border-t border-line pt-6">
      <h2 className="mb-2 text-2xl font-bold">Or use your security key</h2>
      <ErrorSummary errors={errors} />
      <SubmitButton variant="secondary">Use your security key</SubmitButton>
    </form>
  );
}
