import "server-only";
import { timestamp } from "@/lib/notify-format/timestamps";
import { db } from "@/lib/db";
import type { CallbackType } from "@/lib/generated/prisma/enums";
import { statusName } from "@/lib/notify-format/status-names";

/** The JSON GOV.UK Notify posts for each kind of callback; null if its subject is gone (past retention). */
export async function callbackPayload(
  callbackType: CallbackType,
  serviceId: string,
  subjectId: string,
): Promise<Record<string, unknown> | null> {
  if (callbackType === "inbound_sms") {
    const message = await db.inboundSms.findFirst({ where: { id: subjectId, serviceId } });
    return (
      message && {
        id: message.id,
        source_number: message.userNumber,
        destination_number: message.notifyNumber,
        message: message.content,
        date_received: timestamp(message.createdAt),
      }
    );
  }
  if (callbackType === "complaint") {
    const complaint = await db.complaint.findFirst({
      where: { id: subjectId, serviceId },
      include: { notification: { select: { clientReference: true, recipient: true } } },
    });
    return (
      complaint && {
        notification_id: complaint.notificationId,
        complaint_id: complaint.id,
        reference: complaint.notification?.clientReference ?? null,
        to: complaint.notification?.recipient ?? complaint.emailAddress,
        complaint_date: timestamp(complaint.complainedAt),
      }
    );
  }
  const notification = await db.notification.findFirst({ where: { id: subjectId, serviceId } });
  return (
    notification && {
      id: notification.id,
      reference: notification.clientReference,
      to: notification.recipient,
      status: statusName(notification.status),
      created_at: timestamp(notification.createdAt),
      completed_at: timestamp(notification.completedAt),
      sent_at: timestamp(notification.sentAt),
      notification_type: notification.type,
      template_id: notification.templateId,
      template_version: notification.templateVersion,
    }
  );
}
