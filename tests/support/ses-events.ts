import { afterAll, beforeAll, expect } from "vitest";
import { resetConfig } from "@/lib/config";
import { fixtureEvent, resignedFixture, startCertificateServer } from "./sns-messages";

export type SesFixtureEvent = {
  mail: { messageId: string; destination?: string[]; tags?: Record<string, string[]> };
  bounce?: { bouncedRecipients: { emailAddress: string }[] };
  complaint?: { complainedRecipients: { emailAddress: string }[]; feedbackId?: string };
} & Record<string, unknown>;

type SentNotification = { id: string; serviceId: string; providerReference: string | null; recipient: string };

/**
 * Posts SES's events about sent notifications to the app's SES webhook (served by `api`), signed as
 * SNS signs them with a certificate served for this file, which the webhook is set to trust.
 */
export function sesWebhookForThisFile(api: { url: () => string }) {
  let certificates: Awaited<ReturnType<typeof startCertificateServer>>;
  beforeAll(async () => {
    certificates = await startCertificateServer();
    process.env.SNS_TRUSTED_CERT_URL_PREFIXES = certificates.prefix;
    process.env.SNS_ALLOWED_TOPIC_ARNS = "";
    resetConfig();
  });
  afterAll(async () => {
    await certificates.close();
  });

  /** A fixture's event made about this notification (and changed by `edit`), posted to the webhook. */
  return async function postSesEvent(
    fixture: string,
    notification: SentNotification,
    edit: (event: SesFixtureEvent) => void = () => {},
  ): Promise<void> {
    const event = fixtureEvent<SesFixtureEvent>(fixture);
    event.mail.messageId = notification.providerReference!;
    event.mail.destination = [notification.recipient];
    event.mail.tags = { notification_id: [notification.id], service_id: [notification.serviceId] };
    if (event.bounce) event.bounce.bouncedRecipients = [{ emailAddress: notification.recipient }];
    if (event.complaint) {
      event.complaint.complainedRecipients = [{ emailAddress: notification.recipient }];
      event.complaint.feedbackId = `feedback-${notification.id}`;
    }
    edit(event);
    const response = await fetch(`${api.url()}/api/webhooks/ses`, {
      method: "POST",
      headers: { "Content-Type": "text/plain; charset=UTF-8" },
      body: JSON.stringify(resignedFixture(fixture, certificates.certificateUrl, event)),
    });
    expect(response.status).toBe(200);
  };
}
