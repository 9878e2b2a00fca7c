import "server-only";
import { config } from "@/lib/config";
import { smsPrefixOf } from "@/lib/templates/sms";

/** Who a service's messages appear to come from, as previews show it. */
export function senderIdentity(service: { name: string; prefixSms: boolean; emailSenderLocalPart: string }) {
  return {
    fromName: `${service.name} <${service.emailSenderLocalPart}@${config().emailDomain}>`,
    sms: { prefix: smsPrefixOf(service) },
  };
}
