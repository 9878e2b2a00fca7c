"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actorOf, requireServiceAccess } from "@/lib/http/session";
import { removeSuppression } from "@/lib/suppression/remove-suppression";

const removal = z.object({ entryId: z.uuid() });

export async function removeSuppressionAction(serviceId: string, formData: FormData): Promise<void> {
  const { user } = await requireServiceAccess(serviceId, "manage_service");
  const { entryId } = removal.parse({ entryId: formData.get("entryId") });
  await removeSuppression({ actor: actorOf(user), serviceId, entryId });
  revalidatePath(`/services/${serviceId}/deliverability`);
  redirect(`/services/${serviceId}/deliverability?removed=1#suppression-list`);
}
