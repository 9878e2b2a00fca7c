"use server";

import { redirect } from "next/navigation";
import { formValues, initialFormState, runFormAction, type FormState } from "@/lib/http/form-state";
import { actorOf, requireServiceAccess } from "@/lib/http/session";
import { checkOneOff, sendOneOff, type OneOffForm } from "@/lib/notifications/send-one-off";

type CheckedMessage = Awaited<ReturnType<typeof checkOneOff>>;
export type OneOffState = FormState & { checked?: CheckedMessage };

function formOf(formData: FormData): OneOffForm {
  const personalisation: Record<string, string> = {};
  for (const [key, value] of formData.entries())
    if (key.startsWith("p:") && typeof value === "string") personalisation[key.slice(2)] = value;
  const senderId = formData.get("senderId");
  return {
    recipient: String(formData.get("recipient") ?? ""),
    personalisation,
    senderId: typeof senderId === "string" && senderId ? senderId : null,
    scheduledFor: formData.get("when") === "later" ? String(formData.get("scheduledFor") ?? "") : null,
  };
}

/** "Continue" shows the message as it will be sent; "Send" sends it and opens its page. */
export async function oneOffAction(
  serviceId: string,
  templateId: string,
  _previous: OneOffState,
  formData: FormData,
): Promise<OneOffState> {
  const { user } = await requireServiceAccess(serviceId, "send_messages");
  const form = formOf(formData);
  if (formData.get("intent") === "edit") return { ...initialFormState, values: formValues(formData) };
  if (formData.get("intent") === "send") {
    let sentId = "";
    const state = await runFormAction(formData, async () => {
      sentId = await sendOneOff({ actor: actorOf(user), serviceId, templateId, form });
    });
    if (state.status !== "success") return state;
    redirect(`/services/${serviceId}/notifications/${sentId}?sent=1`);
  }
  let checked: CheckedMessage | undefined;
  const state = await runFormAction(formData, async () => {
    checked = await checkOneOff({ actor: actorOf(user), serviceId, templateId, form });
  });
  return checked ? { ...state, checked } : state;
}
