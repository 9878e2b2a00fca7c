"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formValues, runFormAction, type FormState } from "@/lib/http/form-state";
import { actorOf, requireServiceAccess } from "@/lib/http/session";
import { archiveTemplate } from "@/lib/templates/archive-template";
import { copyTemplate } from "@/lib/templates/copy-template";
import { createTemplate } from "@/lib/templates/create-template";
import { createTemplateFolder, moveTemplateToFolder } from "@/lib/templates/folders";
import { replaceLookAlikes } from "@/lib/templates/sms";
import { updateTemplate } from "@/lib/templates/update-template";

const text = (formData: FormData, field: string) => {
  const value = formData.get(field);
  return typeof value === "string" ? value : "";
};
const templatesPath = (serviceId: string) => `/services/${serviceId}/templates`;

/** The editor's "Replace them": the form again, its text message's look-alike characters replaced, nothing saved. */
function withLookAlikesReplaced(formData: FormData): FormState | null {
  if (formData.get("intent") !== "replace-look-alikes") return null;
  const values = formValues(formData);
  return {
    status: "idle",
    message: "Look-alike characters replaced with standard ones. Save the template to keep the change.",
    errors: {},
    values: { ...values, content: replaceLookAlikes(values.content ?? "") },
  };
}

export async function createTemplateAction(
  serviceId: string,
  type: "email" | "sms",
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const { user } = await requireServiceAccess(serviceId, "manage_templates");
  const replaced = withLookAlikesReplaced(formData);
  if (replaced) return replaced;
  let createdId = "";
  const state = await runFormAction(formData, async () => {
    const created = await createTemplate({
      actor: actorOf(user),
      serviceId,
      type,
      name: text(formData, "name"),
      subject: text(formData, "subject"),
      content: text(formData, "content"),
      folderId: text(formData, "folderId") || null,
    });
    createdId = created.id;
  });
  if (state.status !== "success") return state;
  revalidatePath(templatesPath(serviceId));
  redirect(`${templatesPath(serviceId)}/${createdId}?saved=1`);
}

export async function updateTemplateAction(
  serviceId: string,
  templateId: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const { user } = await requireServiceAccess(serviceId, "manage_templates");
  const replaced = withLookAlikesReplaced(formData);
  if (replaced) return replaced;
  const state = await runFormAction(formData, () =>
    updateTemplate({
      actor: actorOf(user),
      serviceId,
      templateId,
      name: text(formData, "name"),
      subject: formData.has("subject") ? text(formData, "subject") : null,
      content: text(formData, "content"),
    }).then(() => undefined),
  );
  if (state.status !== "success") return state;
  revalidatePath(templatesPath(serviceId), "layout");
  redirect(`${templatesPath(serviceId)}/${templateId}?saved=1`);
}

const templateForm = z.object({ templateId: z.uuid() });

export async function archiveTemplateAction(serviceId: string, formData: FormData): Promise<void> {
  const { user } = await requireServiceAccess(serviceId, "manage_templates");
  const { templateId } = templateForm.parse({ templateId: formData.get("templateId") });
  await archiveTemplate({ actor: actorOf(user), serviceId, templateId });
  revalidatePath(templatesPath(serviceId), "layout");
  redirect(`${templatesPath(serviceId)}?archived=1`);
}

export async function moveTemplateAction(
  serviceId: string,
  templateId: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const { user } = await requireServiceAccess(serviceId, "manage_templates");
  const state = await runFormAction(formData, async () => {
    await moveTemplateToFolder({
      actor: actorOf(user),
      serviceId,
      templateId,
      folderId: text(formData, "folderId") || null,
    });
    return "Template moved";
  });
  if (state.status === "success") revalidatePath(templatesPath(serviceId), "layout");
  return state;
}

export async function createFolderAction(
  serviceId: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const { user } = await requireServiceAccess(serviceId, "manage_templates");
  const state = await runFormAction(formData, async () => {
    const folder = await createTemplateFolder({ actor: actorOf(user), serviceId, name: text(formData, "name") });
    return `Folder ‘${folder.name}’ created`;
  });
  if (state.status === "success") revalidatePath(templatesPath(serviceId));
  return state;
}

const copyForm = z.object({ fromServiceId: z.uuid(), templateId: z.uuid() });

export async function copyTemplateAction(serviceId: string, formData: FormData): Promise<void> {
  const { user } = await requireServiceAccess(serviceId, "manage_templates");
  const { fromServiceId, templateId } = copyForm.parse({
    fromServiceId: formData.get("fromServiceId"),
    templateId: formData.get("templateId"),
  });
  const copy = await copyTemplate({ actor: actorOf(user), serviceId, fromServiceId, templateId });
  revalidatePath(templatesPath(serviceId));
  redirect(`${templatesPath(serviceId)}/${copy.id}/edit`);
}
