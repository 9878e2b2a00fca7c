"use server";

import { revalidatePath } from "next/cache";
import { runFormAction, type FormState } from "@/lib/http/form-state";
import { actorOf, requireServiceAccess } from "@/lib/http/session";
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

export async function updateSettingsAction(
  serviceId: string,
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
  return state;
}
