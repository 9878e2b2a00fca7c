"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { z } from "zod";
import {
  addSecurityKey,
  removeSecurityKey,
  securityKeyRegistrationOptions,
  webauthnResponseSchema,
} from "@/lib/auth/security-keys";
import { runFormAction, type FormState } from "@/lib/http/form-state";
import { actorOf, requireUser } from "@/lib/http/session";
import {
  changePassword,
  confirmTextMessageCodes,
  startTextMessageCodes,
  updateAccountDetails,
  switchToEmailCodes,
} from "@/lib/users/account";

const field = (formData: FormData, name: string) => String(formData.get(name) ?? "");

export async function updateDetailsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const state = await runFormAction(formData, async () => {
    await updateAccountDetails({
      actor: actorOf(user),
      name: field(formData, "name"),
      mobileNumber: field(formData, "mobileNumber"),
    });
    return "Your details were saved";
  });
  if (state.status === "success") revalidatePath("/account");
  return state;
}

/** Step one sends a code to the person's phone; step two confirms it and switches their sign-in codes to texts. */
export async function textMessageCodesAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  if (field(formData, "step") !== "confirm") {
    const sent = await runFormAction(
      formData,
      async () =>
        `We texted a code to ${(await startTextMessageCodes({ actor: actorOf(user) })).to}. Enter it to confirm your phone.`,
    );
    return sent.status === "success" ? { ...sent, values: { step: "confirm" } } : sent;
  }
  const state = await runFormAction(formData, () =>
    confirmTextMessageCodes({ actor: actorOf(user), code: field(formData, "code") }),
  );
  if (state.status === "success") redirect("/account?done=texts");
  return state;
}

export async function switchToEmailCodesAction(): Promise<void> {
  const user = await requireUser();
  await switchToEmailCodes({ actor: actorOf(user) });
  redirect("/account?done=email");
}

export async function changePasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  return runFormAction(formData, async () => {
    await changePassword({
      actor: actorOf(user),
      sessionId: user.sessionId,
      currentPassword: field(formData, "currentPassword"),
      newPassword: field(formData, "newPassword"),
    });
    return "Your password was changed. Your other browsers were signed out.";
  });
}

export async function securityKeyOptionsAction() {
  const user = await requireUser();
  return securityKeyRegistrationOptions(user, user.sessionId);
}

/** Keeps the key the browser just made, after checking its answer to the challenge. */
export async function addSecurityKeyAction(keyName: string, response: unknown): Promise<FormState> {
  const user = await requireUser();
  const formData = new FormData();
  formData.set("keyName", keyName);
  const state = await runFormAction(formData, async () => {
    const added = await addSecurityKey({
      actor: actorOf(user),
      sessionId: user.sessionId,
      keyName,
      response: webauthnResponseSchema.parse(response) as unknown as RegistrationResponseJSON,
    });
    return `“${added.name}” was added. You can use it instead of a code when you sign in.`;
  });
  if (state.status === "success") revalidatePath("/account");
  return state;
}

export async function removeSecurityKeyAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const { id } = z.object({ id: z.uuid() }).parse({ id: formData.get("id") });
  await removeSecurityKey({ actor: actorOf(user), keyId: id });
  redirect("/account?done=key-removed");
}
