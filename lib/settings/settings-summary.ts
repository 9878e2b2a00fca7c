import "server-only";
import { emailBrandingChoicesOf } from "@/lib/branding/queries";
import { phoneNumbersOfService } from "@/lib/phone-numbers/queries";
import { listReplyToAddresses } from "@/lib/senders/reply-to-addresses";
import { listSmsSenders } from "@/lib/senders/sms-senders";
import { inboundNumbersOf } from "@/lib/services/inbound-numbers";
import { getServiceDetails } from "@/lib/services/queries";

/** Everything the settings page summarises, section by section, in one read. */
export async function settingsSummaryOf(serviceId: string) {
  const [service, replyTos, smsSenders, branding, inboundNumbers, phoneNumbers] = await Promise.all([
    getServiceDetails(serviceId),
    listReplyToAddresses(serviceId),
    listSmsSenders(serviceId),
    emailBrandingChoicesOf(serviceId),
    inboundNumbersOf(serviceId),
    phoneNumbersOfService(serviceId),
  ]);
  return {
    service,
    replyTos: replyTos.map((replyTo) => replyTo.emailAddress),
    smsSenders: smsSenders.map((sender) => sender.sender),
    brandingName: branding.choices.find((choice) => choice.id === branding.currentId)?.name ?? null,
    inboundNumbers,
    phoneNumbers: phoneNumbers.map((number) => number.number),
  };
}
