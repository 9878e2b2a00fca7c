"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorOf, requirePlatformAdmin } from "@/lib/http/session";
import { approveGoLive } from "@/lib/services/go-live";

export async function approveGoLiveAction(formData: FormData): Promise<void> {
  const admin = await requirePlatformAdmin();
  const { serviceId } = z.object({ serviceId: z.uuid() }).parse({ serviceId: formData.get("serviceId") });
  await approveGoLive({ actor: actorOf(admin), serviceId });
  revalidatePath("/admin");
}
