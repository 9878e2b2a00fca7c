"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actorOf, requireServiceAccess } from "@/lib/http/session";
import { cancelScheduledNotification } from "@/lib/notifications/scheduled-notifications";

/** Cancels a scheduled message, from the dashboard or the message's page, and goes back to the dashboard. */
export async function cancelScheduledAction(serviceId: string, formData: FormData): Promise<void> {
  const { user } = await requireServiceAccess(serviceId, "send_messages");
  const { notificationId } = z.object({ notificationId: z.uuid() }).parse({
    notificationId: formData.get("notificationId"),
  });
  await cancelScheduledNotification({ actor: actorOf(user), serviceId, notificationId });
  revalidatePath(`/services/${serviceId}`);
  redirect(`/services/${serviceId}?done=cancelled`);
}
