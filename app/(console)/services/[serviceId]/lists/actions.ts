"use server";

import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { directUploadStep, type DirectUpload } from "@/lib/http/direct-upload-step";
import { formValues, runFormAction, type FormState } from "@/lib/http/form-state";
import { actorOf, requireServiceAccess } from "@/lib/http/session";
import { addSubscriber } from "@/lib/mailing-lists/add-subscriber";
import { createMailingList } from "@/lib/mailing-lists/create-mailing-list";
import {
  finishDirectSubscriberImport,
  importSubscribers,
  startDirectSubscriberImport,
} from "@/lib/mailing-lists/import-subscribers";
import { removeSubscriber } from "@/lib/mailing-lists/remove-subscriber";
import { countSegment, createSegment } from "@/lib/mailing-lists/segments";

const field = (formData: FormData, name: string) => String(formData.get(name) ?? "");
const listPath = (serviceId: string, listId = "") => `/services/${serviceId}/lists${listId ? `/${listId}` : ""}`;
const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString("en-GB")} ${count === 1 ? one : many}`;
const importPath = (serviceId: string, listId: string, importId: string) =>
  `${listPath(serviceId, listId)}/imports/${importId}`;

export async function createListAction(
  serviceId: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const { user } = await requireServiceAccess(serviceId, "send_messages");
  let listId = "";
  const state = await runFormAction(formData, async () => {
    listId = (await createMailingList({ actor: actorOf(user), serviceId, name: field(formData, "name") })).id;
  });
  if (state.status === "success") redirect(listPath(serviceId, listId));
  return state;
}

export async function addSubscriberAction(
  serviceId: string,
  listId: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const { user } = await requireServiceAccess(serviceId, "send_messages");
  const state = await runFormAction(formData, async () => {
    const email = field(formData, "email");
    const { added } = await addSubscriber({
      actor: actorOf(user),
      serviceId,
      listId,
      subscriber: { email, name: field(formData, "name") || null },
    });
    return added ? `${email} was added to the list` : `${email} was already on the list: their details were updated`;
  });
  if (state.status === "success") revalidatePath(listPath(serviceId, listId));
  return state;
}

/** Uploads a spreadsheet through the web app (the form, with or without JavaScript), then opens its import. */
export async function importSubscribersAction(
  serviceId: string,
  listId: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const { user } = await requireServiceAccess(serviceId, "send_messages");
  const file = formData.get("file");
  let importId = "";
  const state = await runFormAction(formData, async () => {
    if (!(file instanceof File) || !file.name)
      throw new AppError("validation", "Choose a file to upload", { file: "Choose a file to upload" });
    importId = await importSubscribers({
      actor: actorOf(user),
      serviceId,
      listId,
      fileName: file.name,
      sizeBytes: file.size,
      body: Readable.fromWeb(file.stream() as WebReadableStream<Uint8Array>),
    });
  });
  if (state.status !== "success") return state;
  redirect(importPath(serviceId, listId, importId));
}

/** With JavaScript, step one of an import straight to S3: a presigned PUT URL for the chosen file. */
export async function startDirectImportAction(
  serviceId: string,
  listId: string,
  file: { name: string; size: number },
): Promise<DirectUpload> {
  const { user } = await requireServiceAccess(serviceId, "send_messages");
  return directUploadStep(() =>
    startDirectSubscriberImport({
      actor: actorOf(user),
      serviceId,
      listId,
      fileName: String(file.name),
      sizeBytes: Number(file.size),
    }),
  );
}

/** Step two, once the browser's PUT has finished: queues the import and opens its page. */
export async function finishDirectImportAction(
  serviceId: string,
  listId: string,
  fileId: string,
  fileName: string,
): Promise<{ error: string }> {
  const { user } = await requireServiceAccess(serviceId, "send_messages");
  const finished = await directUploadStep(() =>
    finishDirectSubscriberImport({
      actor: actorOf(user),
      serviceId,
      listId,
      fileId: String(fileId),
      fileName: String(fileName),
    }),
  );
  if (typeof finished !== "string") return finished;
  redirect(importPath(serviceId, listId, finished));
}

export async function removeSubscriberAction(serviceId: string, listId: string, formData: FormData): Promise<void> {
  const { user } = await requireServiceAccess(serviceId, "send_messages");
  const { email } = z.object({ email: z.string().min(1) }).parse({ email: formData.get("email") });
  await removeSubscriber({ actor: actorOf(user), serviceId, listId, email });
  revalidatePath(listPath(serviceId, listId));
  redirect(`${listPath(serviceId, listId)}?done=removed`);
}

/** The segment form's conditions: rows field-N, operator-N, value-N; a row without a field is left out. */
function segmentOf(formData: FormData) {
  const conditions = [0, 1, 2]
    .map((index) => ({
      field: field(formData, `field-${index}`),
      operator: field(formData, `operator-${index}`),
      value: field(formData, `value-${index}`),
    }))
    .filter((condition) => condition.field.trim() !== "");
  return { name: field(formData, "segmentName"), match: field(formData, "match") || "all", conditions };
}

/** Saves the segment, or (the "Count" button) only says how many people it holds now. */
export async function segmentAction(
  serviceId: string,
  listId: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const { user } = await requireServiceAccess(serviceId, "send_messages");
  const segment = segmentOf(formData);
  if (field(formData, "intent") === "count") {
    const counted = await countSegment(serviceId, listId, { ...segment, name: segment.name || "count" });
    return {
      status: counted ? "success" : "error",
      message: counted
        ? `${plural(counted.sendable, "person", "people")} in this segment can be sent to (${counted.subscribed.toLocaleString("en-GB")} subscribed).`
        : "Complete each condition to count the segment",
      errors: counted ? {} : { form: "Complete each condition to count the segment" },
      values: formValues(formData),
    };
  }
  const state = await runFormAction(formData, async () => {
    await createSegment({ actor: actorOf(user), serviceId, listId, segment });
    return `The segment “${segment.name}” was saved`;
  });
  if (state.status === "success") revalidatePath(listPath(serviceId, listId));
  // The field is segmentName on a page that also has the add-someone form's name.
  const { name: nameError, ...errors } = state.errors;
  return { ...state, errors: nameError ? { segmentName: nameError, ...errors } : errors };
}
