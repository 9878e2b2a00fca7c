"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { runFormAction, type FormState } from "@/lib/http/form-state";
import { actorOf, requireServiceAccess } from "@/lib/http/session";
import {
  cancelReplyToCheck,
  changeReplyToAddress,
  confirmReplyToAddress,
  resendReplyToCheck,
  startReplyToCheck,
} from "@/lib/senders/reply-to-addresses";
import { addSmsSender, changeSmsSender } from "@/lib/senders/sms-senders";

const pagePath = (serviceId: string) => `/services/${serviceId}/settings/senders`;

export async function startReplyToCheckAction(
  serviceId: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const { user } = await requireServiceAccess(serviceId, "manage_service");
  const state = await runFormAction(formData, async () => {
    await startReplyToCheck({
      actor: actorOf(user),
      serviceId,
      rawAddress: String(formData.get("emailAddress") ?? ""),
    });
  });
  if (state.status !== "success") return state;
  redirect(pagePath(serviceId));
}

export async function addSmsSenderAction(
  serviceId: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const { user } = await requireServiceAccess(serviceId, "manage_service");
  const state = await runFormAction(formData, async () => {
    await addSmsSender({
      actor: actorOf(user),
      serviceId,
      sender: String(formData.get("sender") ?? ""),
      isDefault: formData.get("isDefault") === "true",
    });
    return "Text message sender added";
  });
  if (state.status === "success") revalidatePath(pagePath(serviceId));
  return state;
}

const change = z.object({
  id: z.uuid(),
  kind: z.enum(["reply-to", "sms-sender"]),
  change: z.enum(["make-default", "remove", "confirm", "resend", "cancel"]),
});

/** The list buttons: make default, remove (after confirming), and add, resend or cancel a reply-to check. */
export async function changeSenderAction(serviceId: string, formData: FormData): Promise<void> {
  const { user } = await requireServiceAccess(serviceId, "manage_service");
  const request = change.parse(Object.fromEntries(formData));
  const actor = actorOf(user);
  const { id, kind, change: what } = request;
  if (kind === "reply-to") {
    if (what === "confirm") await confirmReplyToAddress({ actor, serviceId, checkId: id });
    else if (what === "resend") await resendReplyToCheck({ actor, serviceId, checkId: id });
    else if (what === "cancel") await cancelReplyToCheck({ actor, serviceId, checkId: id });
    else if (what === "make-default" || what === "remove")
      await changeReplyToAddress({ actor, serviceId, replyToId: id, change: what });
  } else if (what === "make-default" || what === "remove") {
    await changeSmsSender({ actor, serviceId, senderId: id, change: what });
  }
  revalidatePath(pagePath(serviceId));
  redirect(what === "resend" ? pagePath(serviceId) : `${pagePath(serviceId)}?done=${what}`);
}
