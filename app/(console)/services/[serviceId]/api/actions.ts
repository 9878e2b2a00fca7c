"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import type { CreateApiKeyInput } from "@/lib/api-keys/schemas";
import { clearServiceCallback, setServiceCallback, type ConfigurableCallback } from "@/lib/callbacks/callback-settings";
import { rotateCallbackSigningSecret } from "@/lib/callbacks/signing-secrets";
import { addGuestListEntry } from "@/lib/guest-list/add-guest-list-entry";
import { removeGuestListEntry } from "@/lib/guest-list/remove-guest-list-entry";
import { runFormAction, type FormState } from "@/lib/http/form-state";
import { actorOf, requireServiceAccess } from "@/lib/http/session";

/** The signing-secret form's state: the new secret, which exists only in this one response. */
export type SigningSecretState = FormState & { secret?: string };

/** The create-key form's state: the new key string, which exists only in this one response. */
export type NewKeyState = FormState & { key?: string };

const ids = z.object({ id: z.uuid() });
const callbackTypes = z.object({ callbackType: z.enum(["delivery_status", "inbound_sms"]) });
const apiPath = (serviceId: string, page = "") => `/services/${serviceId}/api${page}`;
const field = (formData: FormData, name: string) => String(formData.get(name) ?? "");

export async function createApiKeyAction(
  serviceId: string,
  _previous: NewKeyState,
  formData: FormData,
): Promise<NewKeyState> {
  const { user } = await requireServiceAccess(serviceId, "manage_api_keys");
  let key: string | undefined;
  const state = await runFormAction(formData, async () => {
    // The type is checked by lib's schema like every other field; the cast only satisfies the compiler.
    const created = await createApiKey({
      actor: actorOf(user),
      serviceId,
      name: field(formData, "name"),
      keyType: field(formData, "keyType") as CreateApiKeyInput["keyType"],
    });
    key = created.key;
    return created.name;
  });
  if (state.status === "success") revalidatePath(apiPath(serviceId, "/keys"));
  return { ...state, key };
}

export async function revokeApiKeyAction(serviceId: string, formData: FormData): Promise<void> {
  const { user } = await requireServiceAccess(serviceId, "manage_api_keys");
  const { id } = ids.parse({ id: formData.get("id") });
  await revokeApiKey({ actor: actorOf(user), serviceId, apiKeyId: id });
  revalidatePath(apiPath(serviceId, "/keys"));
  redirect(`${apiPath(serviceId, "/keys")}?done=revoked`);
}

export async function setCallbackAction(
  serviceId: string,
  callbackType: ConfigurableCallback,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const { user } = await requireServiceAccess(serviceId, "manage_api_keys");
  const state = await runFormAction(formData, async () => {
    await setServiceCallback({
      actor: actorOf(user),
      serviceId,
      callbackType,
      url: field(formData, "url"),
      bearerToken: field(formData, "bearerToken"),
    });
  });
  if (state.status === "success") {
    revalidatePath(apiPath(serviceId, "/callbacks"));
    redirect(`${apiPath(serviceId, "/callbacks")}?done=saved`);
  }
  // The token is a secret: it is never sent back to the page, even to keep what was typed.
  const { bearerToken: _token, ...values } = state.values;
  return { ...state, values };
}

export async function rotateSigningSecretAction(
  serviceId: string,
  _previous: SigningSecretState,
  formData: FormData,
): Promise<SigningSecretState> {
  const { user } = await requireServiceAccess(serviceId, "manage_api_keys");
  let secret: string | undefined;
  const state = await runFormAction(formData, async () => {
    secret = (await rotateCallbackSigningSecret({ actor: actorOf(user), serviceId })).secret;
  });
  if (state.status === "success") revalidatePath(apiPath(serviceId, "/callbacks"));
  return { ...state, secret };
}

export async function clearCallbackAction(serviceId: string, formData: FormData): Promise<void> {
  const { user } = await requireServiceAccess(serviceId, "manage_api_keys");
  const { callbackType } = callbackTypes.parse({ callbackType: formData.get("callbackType") });
  await clearServiceCallback({ actor: actorOf(user), serviceId, callbackType });
  revalidatePath(apiPath(serviceId, "/callbacks"));
  redirect(`${apiPath(serviceId, "/callbacks")}?done=cleared`);
}

export async function addGuestAction(serviceId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const { user } = await requireServiceAccess(serviceId, "manage_api_keys");
  const state = await runFormAction(formData, async () => {
    const entry = await addGuestListEntry({ actor: actorOf(user), serviceId, recipient: field(formData, "recipient") });
    return `${entry.recipient} was added to the guest list`;
  });
  if (state.status === "success") revalidatePath(apiPath(serviceId, "/guest-list"));
  return state;
}

export async function removeGuestAction(serviceId: string, formData: FormData): Promise<void> {
  const { user } = await requireServiceAccess(serviceId, "manage_api_keys");
  const { id } = ids.parse({ id: formData.get("id") });
  await removeGuestListEntry({ actor: actorOf(user), serviceId, entryId: id });
  revalidatePath(apiPath(serviceId, "/guest-list"));
  redirect(`${apiPath(serviceId, "/guest-list")}?done=removed`);
}
