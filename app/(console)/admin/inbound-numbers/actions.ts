"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { runFormAction, type FormState } from "@/lib/http/form-state";
import { actorOf, requirePlatformAdmin } from "@/lib/http/session";
import { assignInboundNumber, releaseInboundNumber } from "@/lib/services/inbound-numbers";

const PATH = "/admin/inbound-numbers";

export async function assignInboundNumberAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const admin = await requirePlatformAdmin();
  const state = await runFormAction(formData, async () => {
    const number = String(formData.get("number") ?? "").trim();
    await assignInboundNumber({ actor: actorOf(admin), serviceId: String(formData.get("serviceId") ?? ""), number });
    return `Texts to ${number} now go to the service`;
  });
  if (state.status === "success") revalidatePath(PATH);
  return state;
}

export async function releaseInboundNumberAction(formData: FormData): Promise<void> {
  const admin = await requirePlatformAdmin();
  const { id } = z.object({ id: z.uuid() }).parse({ id: formData.get("id") });
  await releaseInboundNumber({ actor: actorOf(admin), numberId: id });
  revalidatePath(PATH);
  redirect(`${PATH}?done=released`);
}
