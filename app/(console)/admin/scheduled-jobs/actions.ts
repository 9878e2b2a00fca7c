"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actorOf, requirePlatformAdmin } from "@/lib/http/session";
import { startScheduledJob } from "@/lib/operations/run-scheduled-job";

const PATH = "/admin/scheduled-jobs";

export async function runScheduledJobNowAction(formData: FormData): Promise<void> {
  const admin = await requirePlatformAdmin();
  const { name } = z.object({ name: z.string().min(1).max(100) }).parse({ name: formData.get("name") });
  await startScheduledJob({ actor: actorOf(admin), name });
  revalidatePath(PATH);
  redirect(`${PATH}?queued=${encodeURIComponent(name)}`);
}
