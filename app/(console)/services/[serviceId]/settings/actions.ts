"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runFormAction, type FormState } from "@/lib/http/form-state";
import { actorOf, requireServiceAccess } from "@/lib/http/session";
import { setServiceEmailBranding } from "@/lib/branding/manage-branding";
import { PLATFORM_ADMIN_SETTINGS } from "@/lib/services/schemas";
import { updateServiceSettings } from "@/lib/services/update-service-settings";

const FIELDS = [
  "name",
  "trialMode",
  "emailMessageLimit",
  "smsMessageLimit",
  "rateLimit",
  "emailRetentionDays",
  "smsRetentionDays",
  "canSendInternationalSms",
  "prefixSms",
] as const;

/**
 * Saves the settings the form posted. `returnTo` is where a focused page goes once saved (the
 * summary); the form of every setting stays on its page with a notice.
 */
export async function updateSettingsAction(
  serviceId: string,
  returnTo: string | null,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const { user } = await requireServiceAccess(serviceId, "manage_service");
  const state = await runFormAction(formData, async () => {
    // Disabled inputs are not submitted, so only what the form offered reaches lib.
    const input = Object.fromEntries(
      FIELDS.filter((field) => formData.has(field)).map((field) => [field, String(formData.get(field))]),
    );
    if (!user.isPlatformAdmin) for (const field of PLATFORM_ADMIN_SETTINGS) delete input[field];
    await updateServiceSettings({ actor: actorOf(user), serviceId, ...input });
    return "Settings saved";
  });
  if (state.status === "success") revalidatePath(`/services/${serviceId}`, "layout");
  if (state.status === "success" && returnTo) redirect(returnTo);
  return state;
}

/** Gives the service a branding for its emails, or none (platform admins, as in Notify). */
export async function setEmailBrandingAction(
  serviceId: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const { user } = await requireServiceAccess(serviceId, "manage_service");
  const chosen = String(formData.get("brandingId") ?? "");
  const state = await runFormAction(formData, async () => {
    await setServiceEmailBranding({ actor: actorOf(user), serviceId, brandingId: chosen === "none" ? null : chosen });
    return chosen === "none" ? "Emails now have the plain header" : "Emails now have the chosen branding";
  });
  if (state.status === "success") revalidatePath(`/services/${serviceId}`, "layout");
  return state;
}
