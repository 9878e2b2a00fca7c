"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { runFormAction, type FormState } from "@/lib/http/form-state";
import { actorOf, requireServiceAccess } from "@/lib/http/session";
import { changeReplyToAddress, confirmReplyToAddress, startReplyToCheck } from "@/lib/senders/reply-to-addresses";
import { addSmsSender, changeSmsSender } from "@/lib/senders/sms-senders";

const pagePath = (serviceId: string) => `/services/${serviceId}/settings/senders`;

export async function startReplyToCheckAction(
  serviceId: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const { user } = await requireServiceAccess(serviceId, "manage_service");
  let checkId = "";
  const state = await runFormAction(formData, async () => {
    checkId = await startReplyToCheck({
      actor: actorOf(user),
      serviceId,
      rawAddress: String(formData.get("emailAddress") ?? ""),
    });
  });
  if (state.status !== "success") return state;
  redirect(`${pagePath(serviceId)}?check=${checkId}`);
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
  change: z.enum(["make-default", "remove", "confirm"]),
});

/** The list buttons: make default, remove (after confirming), and add a checked reply-to address. */
export async function changeSenderAction(serviceId: string, formData: FormData): Promise<void> {
  const { user } = await requireServiceAccess(serviceId, "manage_service");
  const request = change.parse(Object.fromEntries(formData));
  if (request.kind === "reply-to") {
    if (request.change === "confirm")
      await confirmReplyToAddress({ actor: actorOf(user), serviceId, checkId: request.id });
    else await changeReplyToAddress({ actor: actorOf(user), serviceId, replyToId: request.id, change: request.change });
  } else if (request.change !== "confirm") {
    await changeSmsSender({ actor: actorOf(user), serviceId, senderId: request.id, change: request.change });
  }
  revalidatePath(pagePath(serviceId));
  redirect(`${pagePath(serviceId)}?done=${request.change}`);
}
