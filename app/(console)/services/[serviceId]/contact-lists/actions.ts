"use server";

import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { redirect } from "next/navigation";
import { deleteContactList, saveContactList, sendTemplateToContactList } from "@/lib/contact-lists/contact-lists";
import { AppError } from "@/lib/errors";
import { runFormAction, type FormState } from "@/lib/http/form-state";
import { actorOf, requireServiceAccess } from "@/lib/http/session";

/** Uploads and names a contact list, then opens it (its check runs in the worker). */
export async function saveContactListAction(
  serviceId: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const { user } = await requireServiceAccess(serviceId, "send_messages");
  const file = formData.get("file");
  let listId = "";
  const state = await runFormAction(formData, async () => {
    if (!(file instanceof File) || file.size === 0)
      throw new AppError("validation", "Choose a file to upload", { file: "Choose a file to upload" });
    listId = await saveContactList({
      actor: actorOf(user),
      serviceId,
      name: String(formData.get("name") ?? ""),
      type: formData.get("type") === "sms" ? "sms" : "email",
      fileName: file.name,
      sizeBytes: file.size,
      body: Readable.fromWeb(file.stream() as WebReadableStream<Uint8Array>),
    });
  });
  if (state.status !== "success") return state;
  redirect(`/services/${serviceId}/contact-lists/${listId}`);
}

/** Checks the list against the chosen template and opens that check, from which it is sent. */
export async function sendToContactListAction(
  serviceId: string,
  contactListId: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const { user } = await requireServiceAccess(serviceId, "send_messages");
  let fileId = "";
  const state = await runFormAction(formData, async () => {
    fileId = await sendTemplateToContactList({
      actor: actorOf(user),
      serviceId,
      contactListId,
      templateId: String(formData.get("templateId") ?? ""),
    });
  });
  if (state.status !== "success") return state;
  redirect(`/services/${serviceId}/uploads/${fileId}`);
}

export async function deleteContactListAction(
  serviceId: string,
  contactListId: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const { user } = await requireServiceAccess(serviceId, "send_messages");
  const state = await runFormAction(formData, () =>
    deleteContactList({ actor: actorOf(user), serviceId, contactListId }),
  );
  if (state.status !== "success") return state;
  redirect(`/services/${serviceId}/contact-lists`);
}
