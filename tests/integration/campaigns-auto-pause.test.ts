import { describe, expect, it } from "vitest";
import { campaignCounts } from "@/lib/campaigns/campaign-progress";
import { resumeCampaign } from "@/lib/campaigns/control-campaign";
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { db } from "@/lib/db";
import { OPERATOR } from "@/lib/permissions";
import { apiServerForThisFile } from "../support/api-harness";
import { makeCampaign, makeCampaignService, makeMailingList } from "../support/campaigns";
import { deliveryHarnessForThisFile } from "../support/delivery-harness";
import { makeUser } from "../support/factories";
import { sesWebhookForThisFile } from "../support/ses-events";
import { waitFor } from "../support/wait";

const delivery = deliveryHarnessForThisFile({
  ses: true,
  env: { SES_MAX_SEND_RATE: "10", CAMPAIGN_AUTO_PAUSE_MIN_SENDS: "20", CAMPAIGN_SECONDS_AHEAD: "1" },
});
const api = apiServerForThisFile();
const postSesEvent = sesWebhookForThisFile(api);

describe("a campaign's reputation", () => {
  it(
    "pauses the campaign when its bounce rate passes 5% after the minimum sample, emails its team once per pause, and takes bounced, complaining and unsubscribing addresses off its list",
    { timeout: 120_000 },
    async () => {
      const { ses } = delivery;
      const { service, template } = await makeCampaignService();
      // Who hears of the pause: members who can send (and so resume or cancel), not the others.
      const [sender, viewer, suspended] = await Promise.all([makeUser(), makeUser(), makeUser()]);
      await db.user.update({ where: { id: suspended.id }, data: { suspendedAt: new Date() } });
      await db.serviceMember.createMany({
        data: [
          { serviceId: service.id, userId: sender.id, permissions: ["send_messages", "manage_templates"] },
          { serviceId: service.id, userId: viewer.id, permissions: ["manage_templates"] },
          { serviceId: service.id, userId: suspended.id, permissions: ["send_messages"] },
        ],
      });
      const pauseEmails = () =>
        db.notification.findMany({
          where: {
            service: { isPlatformService: true },
            normalisedRecipient: { in: [sender.email, viewer.email, suspended.email] },
          },
          select: { normalisedRecipient: true, subject: true, body: true },
        });
      const listId = await makeMailingList(service.id, 400);
      const { id: campaignId } = await makeCampaign(service.id, template.id, [listId]);
      await delivery.startWorker();
      await sendCampaign({ actor: OPERATOR, serviceId: service.id, campaignId, scheduledFor: null });
      // Sent, with SES's id recorded (the worker stores the ids of a batch once SES has answered them all).
      await waitFor(
        "the minimum sample to be sent",
        async () => (await db.notification.count({ where: { campaignId, providerReference: { not: null } } })) >= 25,
        60_000,
      );
      expect(ses.accepted().length).toBeGreaterThanOrEqual(25);

      const sent = await db.notification.findMany({
        where: { campaignId, providerReference: { not: null } },
        select: { id: true, serviceId: true, providerReference: true, recipient: true },
        orderBy: { recipient: "asc" },
        take: 12,
      });
      const [bounced, complained, unsubscribed] = [sent.slice(0, 10), sent[10]!, sent[11]!];
      for (const notification of bounced) await postSesEvent("ses-bounce-permanent", notification);
      await postSesEvent("ses-complaint", complained);
      await postSesEvent("ses-subscription", unsubscribed);

      const paused = await waitFor(
        "the campaign to pause itself",
        async () => {
          const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
          return campaign.status === "paused" ? campaign : null;
        },
        60_000,
      );
      expect(paused.pausedReason).toMatch(
        /Paused automatically: \d+ of the [\d,]+ emails it has sent bounced, [\d.]+%, over the limit of 5%/,
      );
      expect(await db.notification.count({ where: { campaignId } })).toBeLessThan(400);
      expect(await db.auditEvent.count({ where: { action: "campaign.auto_paused", subjectId: campaignId } })).toBe(1);

      // The team is told by email (just after the pause), once, with the reason and the way to the campaign.
      const [told, ...more] = await waitFor("the team to be told", async () => {
        const emails = await pauseEmails();
        return emails.length > 0 ? emails : null;
      });
      expect(more).toEqual([]);
      expect(told!.normalisedRecipient).toBe(sender.email);
      expect(told!.subject).toMatch(/^Your campaign Campaign [\d.]+ has stopped sending$/);
      expect(told!.body).toContain(paused.pausedReason!);
      expect(told!.body).toContain(`/services/${service.id}/campaigns/${campaignId}`);

      const statusOf = async (email: string) =>
        (await db.subscriber.findFirstOrThrow({ where: { listId, normalisedEmail: email } })).status;
      // Every event applied (the pause needed only the bounces).
      await waitFor(
        "the complaint and the unsubscribe to be applied",
        async () =>
          (await statusOf(complained.recipient)) === "complained" &&
          (await statusOf(unsubscribed.recipient)) === "unsubscribed",
        30_000,
      );
      for (const notification of bounced) expect(await statusOf(notification.recipient)).toBe("bounced");
      const counts = await campaignCounts(campaignId);
      expect(counts).toMatchObject({ bounced: 10, complained: 1, unsubscribed: 1 });

      // Resumed with its bounce rate still over the limit, it pauses again: a second pause, a second email.
      await resumeCampaign({ actor: OPERATOR, serviceId: service.id, campaignId });
      await waitFor(
        "the campaign to pause itself again",
        async () =>
          (await db.auditEvent.count({ where: { action: "campaign.auto_paused", subjectId: campaignId } })) === 2,
        30_000,
      );
      await waitFor("the second email", async () => (await pauseEmails()).length === 2);
      expect((await pauseEmails()).map((email) => email.normalisedRecipient)).toEqual([sender.email, sender.email]);
    },
  );
});
