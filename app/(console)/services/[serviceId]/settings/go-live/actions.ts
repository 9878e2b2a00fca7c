"use server";

import { redirect } from "next/navigation";
import { runFormAction, type FormState } from "@/lib/http/form-state";
import { actorOf, requireServiceAccess } from "@/lib/http/session";
import { requestGoLive } from "@/lib/services/go-live";

export async function requestGoLiveAction(
  serviceId: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const { user } = await requireServiceAccess(serviceId, "manage_service");
  const state = await runFormAction(formData, () =>
    requestGoLive({
      actor: actorOf(user),
      serviceId,
      emailsPerYear: String(formData.get("emailsPerYear") ?? ""),
      textsPerYear: String(formData.get("textsPerYear") ?? ""),
      purpose: String(formData.get("purpose") ?? ""),
    }),
  );
  if (state.status !== "success") return state;
  redirect(`/services/${serviceId}/settings?requested=1`);
}
