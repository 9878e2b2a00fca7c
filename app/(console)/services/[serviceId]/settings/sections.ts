import type { ServiceDetails } from "@/lib/services/queries";
import type { ServiceSettings } from "@/lib/services/schemas";
import type { SettingsSection } from "./settings-form";

/** The sections changed on pages of their own, by the address segment of each page. */
export const SECTIONS: Record<Exclude<SettingsSection, "all">, { title: string }> = {
  name: { title: "Service name" },
  "trial-mode": { title: "Trial mode" },
  "text-messages": { title: "Text messages" },
  limits: { title: "Sending limits" },
  retention: { title: "Data retention" },
};

export function isSection(value: string): value is keyof typeof SECTIONS {
  return Object.hasOwn(SECTIONS, value);
}

/** The service's settings as the form shows them. */
export function settingsOf(service: ServiceDetails): ServiceSettings {
  return {
    name: service.name,
    trialMode: service.trialMode,
    emailMessageLimit: service.emailMessageLimit,
    smsMessageLimit: service.smsMessageLimit,
    rateLimit: service.rateLimit,
    emailRetentionDays: service.emailRetentionDays,
    smsRetentionDays: service.smsRetentionDays,
    canSendInternationalSms: service.canSendInternationalSms,
    prefixSms: service.prefixSms,
  };
}
