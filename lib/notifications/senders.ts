import "server-only";
import { config } from "@/lib/config";
import { cachedSetting } from "@/lib/cache/settings-cache";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validation";

/** The chosen reply-to address, or the service's default; null when it has none. */
export async function resolveEmailReplyTo(
  serviceId: string,
  replyToId: string | null | undefined,
): Promise<string | null> {
  if (replyToId) {
    // Cached like the default: a bulk send or campaign resolves the same address for every row.
    const chosen = isUuid(replyToId)
      ? await cachedSetting(`${serviceId}:reply-to:${replyToId}`, () =>
          db.serviceEmailReplyTo.findFirst({
            where: { id: replyToId, serviceId, archivedAt: null },
            select: { emailAddress: true },
          }),
        )
      : null;
    if (!chosen)
      throw new AppError(
        "bad_request",
        `email_reply_to_id ${replyToId} does not exist in database for service id ${serviceId}`,
      );
    return chosen.emailAddress;
  }
  const fallback = await cachedSetting(`${serviceId}:default-reply-to`, () =>
    db.serviceEmailReplyTo.findFirst({
      where: { serviceId, isDefault: true, archivedAt: null },
      select: { emailAddress: true },
    }),
  );
  return fallback?.emailAddress ?? null;
}

/** The chosen sender, or the service's default, or the platform's (DEFAULT_SMS_SENDER). */
export async function resolveSmsSender(serviceId: string, smsSenderId: string | null | undefined): Promise<string> {
  if (smsSenderId) {
    const chosen = isUuid(smsSenderId)
      ? await db.serviceSmsSender.findFirst({
          where: { id: smsSenderId, serviceId, archivedAt: null },
          select: { sender: true },
        })
      : null;
    if (!chosen)
      throw new AppError(
        "bad_request",
        `sms_sender_id ${smsSenderId} does not exist in database for service id ${serviceId}`,
      );
    return chosen.sender;
  }
  const fallback = await cachedSetting(`${serviceId}:default-sms-sender`, () =>
    db.serviceSmsSender.findFirst({
      where: { serviceId, isDefault: true, archivedAt: null },
      select: { sender: true },
    }),
  );
  return fallback?.sender ?? config().DEFAULT_SMS_SENDER;
}
