"use server";

import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { directUploadStep, type DirectUpload } from "@/lib/http/direct-upload-step";
import { runFormAction, type FormState } from "@/lib/http/form-state";
import { actorOf, requireServiceAccess } from "@/lib/http/session";
import { cancelJob, sendCheckedFile } from "@/lib/jobs/create-job";
import { finishDirectUpload, startDirectUpload } from "@/lib/recipient-files/direct-upload";

/** With JavaScript, step one of an upload straight to S3: a presigned PUT URL for the chosen file. */
export async function startDirectUploadAction(
  serviceId: string,
  templateId: string,
  file: { name: string; size: number },
): Promise<DirectUpload> {
  const { user } = await requireServiceAccess(serviceId, "send_messages");
  return directUploadStep(() =>
    startDirectUpload({
      actor: actorOf(user),
      serviceId,
      templateId,
      fileName: String(file.name),
      sizeBytes: Number(file.size),
    }),
  );
}

/** Step two, once the browser's PUT has finished: records the file and opens its check. */
export async function finishDirectUploadAction(
  serviceId: string,
  templateId: string,
  fileId: string,
  fileName: string,
): Promise<{ error: string }> {
  const { user } = await requireServiceAccess(serviceId, "send_messages");
  const finished = await directUploadStep(() =>
    finishDirectUpload({
      actor: actorOf(user),
      serviceId,
      templateId,
      fileId: String(fileId),
      fileName: String(fileName),
    }),
  );
  if (typeof finished !== "string") return finished;
  redirect(`/services/${serviceId}/uploads/${finished}`);
}

/** Sends a checked file now, or schedules it for the chosen hour. */
export async function sendFileAction(
  serviceId: string,
  fileId: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const { user } = await requireServiceAccess(serviceId, "send_messages");
  const when = String(formData.get("when") ?? "now");
  let jobId = "";
  const state = await runFormAction(formData, async () => {
    const scheduledFor = when === "now" ? null : new Date(when);
    if (scheduledFor && Number.isNaN(scheduledFor.getTime()))
      throw new AppError("validation", "Choose when to send", { when: "Choose when to send" });
    jobId = await sendCheckedFile({ actor: actorOf(user), serviceId, fileId, scheduledFor });
  });
  if (state.status !== "success") return state;
  redirect(`/services/${serviceId}/jobs/${jobId}`);
}

/** Cancels a scheduled job. */
export async function cancelJobAction(
  serviceId: string,
  jobId: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const { user } = await requireServiceAccess(serviceId, "send_messages");
  const state = await runFormAction(formData, () => cancelJob({ actor: actorOf(user), serviceId, jobId }));
  if (state.status !== "success") return state;
  redirect(`/services/${serviceId}/jobs/${jobId}`);
}
