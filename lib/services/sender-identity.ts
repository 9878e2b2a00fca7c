import "server-only";
import { config } from "@/lib/config";
import { smsPrefixOf } from "@/lib/templates/sms";

/**
 * Who a service's messages appear to come from, as previews show it. Without a configured email
 * domain there is no address worth showing (`@localhost`): `fromAddress` is null and the name stands alone.
 */
export function senderIdentity(service: { name: string; prefixSms: boolean; emailSenderLocalPart: string }) {
  const { emailDomain, emailDomainConfigured } = config();
  const fromAddress = emailDomainConfigured ? `${service.emailSenderLocalPart}@${emailDomain}` : null;
  return {
    fromName: fromAddress ? `${service.name} <${fromAddress}>` : service.name,
    fromAddress,
    sms: { prefix: smsPrefixOf(service) },
  };
}
