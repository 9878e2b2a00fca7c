"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createEmailBranding, updateEmailBranding } from "@/lib/branding/manage-branding";
import { runFormAction, type FormState } from "@/lib/http/form-state";
import { actorOf, requirePlatformAdmin } from "@/lib/http/session";

const PATH = "/admin/branding";

/** The form's fields; an empty file input is no new logo. */
async function brandingFields(formData: FormData) {
  const logo = formData.get("logo");
  return {
    name: String(formData.get("name") ?? ""),
    colour: String(formData.get("colour") ?? ""),
    logo: logo instanceof File && logo.size > 0 ? Buffer.from(await logo.arrayBuffer()) : null,
  };
}

export async function createBrandingAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const admin = await requirePlatformAdmin();
  const fields = await brandingFields(formData);
  const state = await runFormAction(formData, async () => {
    await createEmailBranding({ actor: actorOf(admin), ...fields });
  });
  if (state.status !== "success") return state;
  revalidatePath(PATH);
  redirect(`${PATH}?done=created`);
}

export async function updateBrandingAction(
  brandingId: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const admin = await requirePlatformAdmin();
  const fields = await brandingFields(formData);
  const state = await runFormAction(formData, async () => {
    await updateEmailBranding({ actor: actorOf(admin), brandingId, ...fields });
  });
  if (state.status !== "success") return state;
  revalidatePath(PATH);
  redirect(`${PATH}?done=updated`);
}
