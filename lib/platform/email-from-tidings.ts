import "server-only";
import { log } from "@/lib/log";
import { sendNotification } from "@/lib/notifications/send-notification";
import { platformService, platformTemplateId, type PlatformTemplate } from "./platform-service";

/**
 * Emails each address one of the platform's templates through Tidings' own service, the way
 * sign-in codes and invitations go. An address that cannot be sent to is logged and does not stop
 * the others. Answers how many were sent.
 */
export async function emailFromTidings(
  which: PlatformTemplate,
  recipients: string[],
  personalisation: Record<string, string>,
): Promise<number> {
  if (recipients.length === 0) return 0;
  const service = await platformService();
  const templateId = await platformTemplateId(service, which);
  let sent = 0;
  for (const recipient of recipients) {
    try {
      await sendNotification({ service, keyType: "normal" }, { type: "email", templateId, recipient, personalisation });
      sent++;
    } catch (failure) {
      log.error({ err: failure, template: which }, "an email from Tidings to one of its users could not be sent");
    }
  }
  return sent;
}
