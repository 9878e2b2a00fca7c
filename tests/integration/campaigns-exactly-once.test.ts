import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pauseCampaign, resumeCampaign } from "@/lib/campaigns/control-campaign";
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { config, resetConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { reconcileUncertainSends } from "@/lib/notifications/reconcile-uncertain-sends";
import { OPERATOR } from "@/lib/permissions";
import { receiveSnsWebhook } from "@/lib/sns/receive-sns-webhook";
import { suppressRecipient } from "@/lib/suppression/suppression-list";
import { makeCampaign, makeCampaignService, makeMailingList } from "../support/campaigns";
import { deliveryHarnessForThisFile } from "../support/delivery-harness";
import { exitOf } from "../support/processes";
import { emailHeader, emailTag, type SendEmailRequest } from "../support/ses-stand-in";
import { fixtureEvent, resignedFixture, startCertificateServer } from "../support/sns-messages";
import { waitFor } from "../support/wait";

const delivery = deliveryHarnessForThisFile({
  ses: true,
  env: {
    SES_MAX_SEND_RATE: "60",
    SES_CONFIGURATION_SET: "tidings-plain",
    SES_TRACKING_CONFIGURATION_SET: "tidings-tracked",
    DELIVERY_RETRY_DELAY_SECONDS: "1",
    CAMPAIGN_SECONDS_AHEAD: "1",
    // SES publishes Send for every message it accepts: a claim the killed worker never handed over is handed over again.
    SES_SEND_EVENTS: "true",
  },
});
let certificates: Awaited<ReturnType<typeof startCertificateServer>>;
beforeAll(async () => {
  certificates = await startCertificateServer();
  process.env.SNS_TRUSTED_CERT_URL_PREFIXES = certificates.prefix;
  resetConfig();
});
afterAll(async () => {
  await certificates?.close();
});

/** What SES's Send event does for each message it accepted: the reference reaches us even if the worker died first. */
async function publishSendEvents(calls: { notificationId: string | null; messageId: string | null }[]) {
  for (const call of calls) {
    const notification = await db.notification.findUniqueOrThrow({ where: { id: call.notificationId! } });
    if (notification.providerReference) continue;
    const event = fixtureEvent<{ mail: { messageId: string; tags: Record<string, string[]> } }>("ses-send");
    event.mail.messageId = call.messageId!;
    event.mail.tags = { notification_id: [notification.id], service_id: [notification.serviceId] };
    const posted = resignedFixture("ses-send", certificates.certificateUrl, event);
    expect((await receiveSnsWebhook("ses", JSON.stringify(posted))).status).toBe(200);
  }
}

const sentTo = (requests: SendEmailRequest[]) => requests.map((request) => request.Destination.ToAddresses[0]!);
const bodyOf = (request: SendEmailRequest) =>
  (request.Content.Simple as unknown as { Body: { Text: { Data: string } } }).Body.Text.Data;

describe("a campaign's sending engine", () => {
  it(
    "sends each address once across two lists, a pause and resume, and a worker process killed mid-send with another running",
    { timeout: 180_000 },
    async () => {
      const { ses } = delivery;
      const { service, template } = await makeCampaignService();
      // 400 people on one list, the last 100 of them and 50 more on another: 450 addresses.
      const first = await makeMailingList(service.id, 400);
      const second = await makeMailingList(service.id, 150, 300);
      // One unsubscribed, one on the suppression list: neither is sent to.
      await db.subscriber.updateMany({
        where: { listId: { in: [first, second] }, normalisedEmail: "person-000010@example.com" },
        data: { status: "unsubscribed" },
      });
      await suppressRecipient(db, {
        serviceId: service.id,
        type: "email",
        recipient: "person-000020@example.com",
        reason: "bounce",
      });
      const { id: campaignId } = await makeCampaign(service.id, template.id, [first, second], {
        trackEngagement: true,
        fromName: "Council newsletter",
      });

      const doomed = await delivery.startWorkerProcess();
      await delivery.startWorkerProcess();
      await sendCampaign({ actor: OPERATOR, serviceId: service.id, campaignId, scheduledFor: null });

      await waitFor("some of the campaign to be sent", async () => ses.accepted().length >= 60, 60_000);
      await pauseCampaign({ actor: OPERATOR, serviceId: service.id, campaignId });
      // Once paused, what was queued ahead drains and nothing more is handed out.
      await waitFor(
        "the queue ahead to drain",
        async () => (await db.notification.count({ where: { campaignId, status: "created" } })) === 0,
        30_000,
      );
      const acceptedWhenPaused = await db.notification.count({ where: { campaignId } });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await db.notification.count({ where: { campaignId } })).toBe(acceptedWhenPaused);
      expect(acceptedWhenPaused).toBeLessThan(448);

      await resumeCampaign({ actor: OPERATOR, serviceId: service.id, campaignId });
      await waitFor("more to be sent", async () => ses.accepted().length >= acceptedWhenPaused + 60, 60_000);
      doomed.kill("SIGKILL");
      await exitOf(doomed);

      await waitFor(
        "the campaign to finish",
        async () =>
          (await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status === "completed" &&
          (await db.notification.count({ where: { campaignId, status: "created" } })) === 0,
        120_000,
      );

      const expected = Array.from({ length: 450 }, (_, index) => `person-${String(index).padStart(6, "0")}@example.com`)
        .filter((email) => email !== "person-000010@example.com" && email !== "person-000020@example.com")
        .sort();
      const notifications = await db.notification.findMany({
        where: { campaignId },
        select: { normalisedRecipient: true },
      });
      // One notification per address, for every address of the audience.
      expect(notifications.map((notification) => notification.normalisedRecipient).sort()).toEqual(expected);

      // The killed worker may have left sends claimed: some SES accepted (its Send event brings the
      // reference), some it never received (no event: after the wait they are handed over again).
      const campaignCalls = () => ses.accepted().filter((call) => emailTag(call.request, "campaign_id") === campaignId);
      await waitFor("SES to answer every call", async () =>
        ses.calls
          .filter((call) => emailTag(call.request, "campaign_id") === campaignId)
          .every((call) => call.answer !== "accepted" || call.messageId !== null),
      );
      await publishSendEvents(campaignCalls());
      const neverHandedOver = (
        await db.notification.findMany({
          where: { campaignId, status: "sending", providerReference: null },
          select: { id: true },
        })
      ).map((row) => row.id);
      await db.notification.updateMany({
        where: { id: { in: neverHandedOver } },
        data: { sentAt: new Date(Date.now() - (config().DELIVERY_RECONCILE_AFTER_MINUTES + 1) * 60_000) },
      });
      // (The surviving worker's own sweep may hand some over first; none is ever settled as failed.)
      expect((await reconcileUncertainSends()).settled).toBe(0);
      await waitFor(
        "every notification of the campaign to be handed to SES",
        async () => (await db.notification.count({ where: { campaignId, providerReference: null } })) === 0,
        60_000,
      );

      // Every notification final or handed over, none failed, and everyone got it exactly once.
      expect(await db.notification.count({ where: { campaignId, status: { notIn: ["sending", "delivered"] } } })).toBe(
        0,
      );
      const received = sentTo(campaignCalls().map((call) => call.request)).sort();
      expect(received).toEqual(expected);
      console.log(
        `campaign of ${expected.length} with a worker killed: ${neverHandedOver.length} claimed but never handed over were handed over again; all reached SES once`,
      );

      // Each email is the campaign's: one-click unsubscribe headers, its own visible link, the
      // tracking configuration set, its from name and its fallback for a missing attribute.
      const sample = campaignCalls()[0]!.request;
      const listUnsubscribe = emailHeader(sample, "List-Unsubscribe");
      expect(listUnsubscribe).toMatch(/^<http:\/\/[^>]+\/unsubscribe\/[\w-]+\.[\w-]+>$/);
      expect(emailHeader(sample, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
      expect(bodyOf(sample)).toContain(listUnsubscribe!.slice(1, -1));
      expect(sample.ConfigurationSetName).toBe("tidings-tracked");
      expect(sample.FromEmailAddress).toMatch(/^"Council newsletter" </);
      expect(
        campaignCalls()
          .map((call) => bodyOf(call.request))
          .some((body) => /reference is R\d+/.test(body)),
      ).toBe(true);
    },
  );
});
