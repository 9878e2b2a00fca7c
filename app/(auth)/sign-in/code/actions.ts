"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import {
  confirmSignInWithSecurityKey,
  securityKeySignInOptions,
  webauthnResponseSchema,
} from "@/lib/auth/security-keys";
import { confirmSignInCode, sendSignInCode } from "@/lib/auth/sign-in-codes";
import { runFormAction, type FormState } from "@/lib/http/form-state";
import { getCurrentUser } from "@/lib/http/session";
import { safeReturnPath } from "@/lib/http/return-path";

export async function confirmCodeAction(
  returnTo: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const pending = await getCurrentUser({ pending: true });
  if (!pending) redirect("/sign-in");
  const state = await runFormAction(formData, () =>
    confirmSignInCode(pending.sessionId, pending.id, String(formData.get("code") ?? "")),
  );
  if (state.status !== "success") return state;
  // The header was drawn for a visitor who had not finished signing in.
  revalidatePath("/", "layout");
  redirect(safeReturnPath(returnTo));
}

export async function resendCodeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const pending = await getCurrentUser({ pending: true });
  if (!pending) redirect("/sign-in");
  return runFormAction(formData, async () => {
    await sendSignInCode(pending.id, { isResend: true });
    return "We sent you a new code";
  });
}

export async function securityKeySignInOptionsAction() {
  const pending = await getCurrentUser({ pending: true });
  if (!pending) redirect("/sign-in");
  return securityKeySignInOptions(pending.id, pending.sessionId);
}

/** Confirms sign-in with a security key instead of the code; the browser then goes where the person was heading. */
export async function confirmSecurityKeyAction(response: unknown): Promise<FormState> {
  const pending = await getCurrentUser({ pending: true });
  if (!pending) redirect("/sign-in");
  const state = await runFormAction(new FormData(), () =>
    confirmSignInWithSecurityKey(
      pending.sessionId,
      pending.id,
      webauthnResponseSchema.parse(response) as unknown as AuthenticationResponseJSON,
    ),
  );
  if (state.status === "success") revalidatePath("/", "layout");
  return state;
}
