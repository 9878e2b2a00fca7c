"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actorOf, requirePlatformAdmin } from "@/lib/http/session";
import { runFormAction, type FormState } from "@/lib/http/form-state";
import { archiveService } from "@/lib/services/archive-service";
import { reactivateUser, suspendUser } from "@/lib/users/suspend-user";
import { approveGoLive, rejectGoLive } from "@/lib/services/go-live";

export async function approveGoLiveAction(formData: FormData): Promise<void> {
  const admin = await requirePlatformAdmin();
  const { serviceId } = z.object({ serviceId: z.uuid() }).parse({ serviceId: formData.get("serviceId") });
  await approveGoLive({ actor: actorOf(admin), serviceId });
  revalidatePath("/admin");
}

export async function rejectGoLiveAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const admin = await requirePlatformAdmin();
  const { serviceId } = z.object({ serviceId: z.uuid() }).parse({ serviceId: formData.get("serviceId") });
  const state = await runFormAction(formData, () =>
    rejectGoLive({ actor: actorOf(admin), serviceId, reason: String(formData.get("reason") ?? "") }),
  );
  if (state.status !== "success") return state;
  revalidatePath("/admin");
  redirect("/admin?done=rejected");
}

export async function archiveServiceAction(formData: FormData): Promise<void> {
  const admin = await requirePlatformAdmin();
  const { serviceId } = z.object({ serviceId: z.uuid() }).parse({ serviceId: formData.get("serviceId") });
  await archiveService({ actor: actorOf(admin), serviceId });
  revalidatePath("/admin");
  redirect("/admin?done=archived");
}

/** Suspends or reactivates the account named in the form, as its button says. */
export async function suspendUserAction(formData: FormData): Promise<void> {
  const admin = await requirePlatformAdmin();
  const { userId, change } = z
    .object({ userId: z.uuid(), change: z.enum(["suspend", "reactivate"]) })
    .parse({ userId: formData.get("userId"), change: formData.get("change") });
  await (change === "suspend" ? suspendUser : reactivateUser)({ actor: actorOf(admin), userId });
  revalidatePath("/admin");
  redirect(`/admin?done=${change === "suspend" ? "suspended" : "reactivated"}`);
}
