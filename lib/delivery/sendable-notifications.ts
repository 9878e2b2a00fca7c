import "server-only";
import { brandingLook } from "@/lib/branding/queries";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import type { KeyType, NotificationType } from "@/lib/generated/prisma/enums";
import { listUnsubscribeMailto } from "@/lib/mailing-lists/unsubscribe-token";
import type { EmailMessage, SmsMessage } from "@/lib/providers/types";
import { renderEmail } from "@/lib/templates/render";
import { smsPrefixOf, withSmsPrefix } from "@/lib/templates/sms";
import { withUnsubscribeLink } from "@/lib/templates/unsubscribe-link";

/** A notification still waiting to be sent, with what its provider needs. */
export type SendableNotification = {
  id: string;
  serviceId: string;
  type: NotificationType;
  keyType: KeyType;
  recipient: string;
  normalisedRecipient: string;
  personalisation: Record<string, unknown> | null;
  body: string;
  replyTo: string | null;
  smsSender: string | null;
  unsubscribeUrl: string | null;
  serviceName: string;
  serviceActive: boolean;
  prefixSms: boolean;
  emailSenderLocalPart: string;
  subject: string | null;
  content: string;
  /** A campaign's message: sent from its from name, with its tracking choice and a visible unsubscribe link. */
  campaignId: string | null;
  fromName: string | null;
  trackEngagement: boolean;
  /** The service's email branding, if it has one. */
  branding: { id: string; name: string; colour: string; logoKey: string | null; updatedAt: Date } | null;
};

/** The batch's notifications that are still `created`, in one query; the rest need nothing done. */
export async function sendableNotifications(ids: string[]): Promise<SendableNotification[]> {
  if (ids.length === 0) return [];
  return db.$queryRaw<SendableNotification[]>`
    SELECT n.id, n.service_id AS "serviceId", n.notification_type AS "type", n.key_type AS "keyType", n.recipient,
      n.normalised_recipient AS "normalisedRecipient", n.personalisation, n.body, n.reply_to AS "replyTo",
      n.sms_sender AS "smsSender", n.unsubscribe_url AS "unsubscribeUrl", s.name AS "serviceName",
      s.active AS "serviceActive", s.prefix_sms AS "prefixSms", s.email_sender_local_part AS "emailSenderLocalPart",
      coalesce(c.subject, v.subject) AS subject, v.content, n.campaign_id AS "campaignId", c.from_name AS "fromName",
      coalesce(c.track_engagement, false) AS "trackEngagement",
      CASE WHEN b.id IS NULL THEN NULL ELSE json_build_object('id', b.id, 'name', b.name, 'colour', b.colour,
        'logoKey', b.logo_key, 'updatedAt', b.updated_at) END AS branding
    FROM notifications AS n
    JOIN services AS s ON s.id = n.service_id
    LEFT JOIN email_brandings AS b ON b.id = s.email_branding_id
    JOIN template_versions AS v ON v.template_id = n.template_id AND v.version = n.template_version
    LEFT JOIN campaigns AS c ON c.id = n.campaign_id
    WHERE n.id = ANY(${ids}::uuid[]) AND n.status = 'created'`;
}

/** The email as SES (or the simulator) receives it, rendered as the template page shows it. */
export function emailMessageOf(notification: SendableNotification): EmailMessage {
  const content =
    notification.campaignId && notification.unsubscribeUrl
      ? withUnsubscribeLink(notification.content, notification.unsubscribeUrl)
      : notification.content;
  const { branding } = notification;
  const rendered = renderEmail(
    { subject: notification.subject ?? "", content },
    notification.personalisation,
    branding && brandingLook({ ...branding, updatedAt: new Date(branding.updatedAt) }, "email"),
  );
  return {
    notificationId: notification.id,
    serviceId: notification.serviceId,
    campaignId: notification.campaignId,
    tracked: notification.trackEngagement,
    from: fromAddress(notification.fromName ?? notification.serviceName, notification.emailSenderLocalPart),
    to: notification.recipient,
    replyTo: notification.replyTo,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    unsubscribeUrl: notification.unsubscribeUrl,
    listUnsubscribeMailto: notification.unsubscribeUrl && listUnsubscribeMailto(notification.unsubscribeUrl),
  };
}

/** The text as the phone receives it: the stored body, after the service's name if it asks for that. */
export function smsMessageOf(notification: SendableNotification): SmsMessage {
  return {
    notificationId: notification.id,
    serviceId: notification.serviceId,
    to: notification.normalisedRecipient,
    sender: notification.smsSender ?? config().DEFAULT_SMS_SENDER,
    body: withSmsPrefix(
      notification.body,
      smsPrefixOf({ name: notification.serviceName, prefixSms: notification.prefixSms }),
    ),
  };
}

/** `"Service name" <local@domain>`, with the name MIME-encoded when it is not plain ASCII. */
function fromAddress(serviceName: string, localPart: string): string {
  const address = `${localPart}@${config().emailDomain}`;
  const name = /^[\x20-\x7e]*$/.test(serviceName)
    ? `"${serviceName.replace(/["\\]/g, "\\$&")}"`
    : `=?UTF-8?B?${Buffer.from(serviceName).toString("base64")}?=`;
  return `${name} <${address}>`;
}
