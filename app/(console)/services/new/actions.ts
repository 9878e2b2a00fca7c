"use server";

import { redirect } from "next/navigation";
import { runFormAction, type FormState } from "@/lib/http/form-state";
import { actorOf, requireUser } from "@/lib/http/session";
import { createService } from "@/lib/services/create-service";

export async function createServiceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  let serviceId = "";
  const state = await runFormAction(formData, async () => {
    serviceId = (await createService({ actor: actorOf(user), name: String(formData.get("name") ?? "") })).id;
  });
  if (state.status === "success") redirect(`/services/${serviceId}`);
  return state;
}
