"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actorOf, requireServiceAccess } from "@/lib/http/session";
import { removeSuppression } from "@/lib/suppression/remove-suppression";

export async function removeOptedOutNumberAction(serviceId: string, formData: FormData): Promise<void> {
  const { user } = await requireServiceAccess(serviceId, "manage_service");
  const { entryId } = z.object({ entryId: z.uuid() }).parse({ entryId: formData.get("entryId") });
  await removeSuppression({ actor: actorOf(user), serviceId, entryId });
  revalidatePath(`/services/${serviceId}/phone-numbers`);
  redirect(`/services/${serviceId}/phone-numbers?removed=1#opted-out`);
}
