"use server";

import { redirect } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { runFormAction, type FormState } from "@/lib/http/form-state";
import { requireUser } from "@/lib/http/session";
import { acceptInvitation, acceptInvitationWithNewAccount } from "@/lib/team/accept-invitation";

export async function acceptInvitationAction(token: string): Promise<void> {
  const user = await requireUser();
  let serviceId: string;
  try {
    ({ serviceId } = await acceptInvitation(token, { userId: user.id, email: user.email }));
  } catch (error) {
    // The page explains why the invitation cannot be used (it changed since the page was shown).
    if (isAppError(error)) redirect(`/invitation/${token}`);
    throw error;
  }
  redirect(`/services/${serviceId}`);
}

export async function createAccountAction(token: string, _previous: FormState, formData: FormData): Promise<FormState> {
  let serviceId = "";
  const state = await runFormAction(formData, async () => {
    ({ serviceId } = await acceptInvitationWithNewAccount(token, {
      name: String(formData.get("name") ?? ""),
      password: String(formData.get("password") ?? ""),
    }));
  });
  if (state.status === "success")
    redirect(`/sign-in?joined=1&callbackUrl=${encodeURIComponent(`/services/${serviceId}`)}`);
  return state;
}
