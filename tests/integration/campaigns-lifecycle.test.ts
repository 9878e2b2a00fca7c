import { describe, expect, it } from "vitest";
import { archiveCampaign, cancelCampaign, resumeCampaign } from "@/lib/campaigns/control-campaign";
import { copyCampaign } from "@/lib/campaigns/create-campaign";
import { findCampaign, listCampaigns } from "@/lib/campaigns/queries";
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { db } from "@/lib/db";
import { OPERATOR } from "@/lib/permissions";
import { makeCampaign, makeCampaignService, makeMailingList } from "../support/campaigns";
import { deliveryHarnessForThisFile } from "../support/delivery-harness";
import { emailTag } from "../support/ses-stand-in";
import { waitFor } from "../support/wait";

const delivery = deliveryHarnessForThisFile({
  ses: true,
  env: {
    SES_MAX_SEND_RATE: "20",
    SES_CONFIGURATION_SET: "tidings-plain",
    SES_TRACKING_CONFIGURATION_SET: "tidings-tracked",
    CAMPAIGN_SECONDS_AHEAD: "1",
  },
  worker: true,
});

const campaignCalls = (campaignId: string) =>
  delivery.ses.accepted().filter((call) => emailTag(call.request, "campaign_id") === campaignId);
const statusOf = async (campaignId: string) =>
  (await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status;

describe("a campaign's life", () => {
  it(
    "scheduled, starts on time and not before; scheduled for a moment ago, starts at once",
    { timeout: 60_000 },
    async () => {
      const { service, template } = await makeCampaignService();
      const listId = await makeMailingList(service.id, 5);

      const { id: later } = await makeCampaign(service.id, template.id, [listId]);
      const scheduledFor = new Date(Date.now() + 8_000);
      expect(await sendCampaign({ actor: OPERATOR, serviceId: service.id, campaignId: later, scheduledFor })).toEqual({
        status: "scheduled",
      });
      // Several rounds of the campaign engine go by before the time: nothing is sent.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(await statusOf(later)).toBe("scheduled");
      expect(await db.notification.count({ where: { campaignId: later } })).toBe(0);
      expect(Date.now()).toBeLessThan(scheduledFor.getTime());

      await waitFor("the scheduled campaign to be sent", async () => campaignCalls(later).length === 5, 30_000);
      const started = await db.campaign.findUniqueOrThrow({ where: { id: later } });
      expect(started.startedAt!.getTime()).toBeGreaterThanOrEqual(scheduledFor.getTime());
      // Within a few rounds of the engine (with room for a busy machine), not minutes late.
      expect(started.startedAt!.getTime()).toBeLessThan(scheduledFor.getTime() + 10_000);
      expect(Math.min(...campaignCalls(later).map((call) => call.arrivedAt))).toBeGreaterThanOrEqual(
        scheduledFor.getTime(),
      );

      const { id: now } = await makeCampaign(service.id, template.id, [listId]);
      const aMomentAgo = new Date(Date.now() - 30_000);
      expect(
        await sendCampaign({ actor: OPERATOR, serviceId: service.id, campaignId: now, scheduledFor: aMomentAgo }),
      ).toEqual({ status: "sending" });
      await waitFor("the campaign due already to be sent", async () => campaignCalls(now).length === 5, 30_000);
    },
  );

  it(
    "cancelled, sends nobody else; untracked, goes through the plain configuration set with its own reply-to address",
    { timeout: 120_000 },
    async () => {
      const { service, template } = await makeCampaignService();
      const replyTo = await db.serviceEmailReplyTo.create({
        data: { serviceId: service.id, emailAddress: "newsletter-replies@council.example.gov" },
      });
      const listId = await makeMailingList(service.id, 300);
      const { id: campaignId } = await makeCampaign(service.id, template.id, [listId]);
      await db.campaign.update({ where: { id: campaignId }, data: { replyToId: replyTo.id } });
      await sendCampaign({ actor: OPERATOR, serviceId: service.id, campaignId, scheduledFor: null });
      await waitFor("some of the campaign to be sent", async () => campaignCalls(campaignId).length >= 20, 60_000);

      await cancelCampaign({ actor: OPERATOR, serviceId: service.id, campaignId });
      // What was queued ahead (a second's worth) still goes; nothing more is handed out.
      await waitFor(
        "the queue ahead to drain",
        async () => (await db.notification.count({ where: { campaignId, status: "created" } })) === 0,
        30_000,
      );
      const accepted = await db.notification.count({ where: { campaignId } });
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(await db.notification.count({ where: { campaignId } })).toBe(accepted);
      expect(campaignCalls(campaignId).length).toBe(accepted);
      expect(accepted).toBeLessThan(150);
      const cancelled = await findCampaign(service.id, campaignId);
      expect(cancelled).toMatchObject({ status: "cancelled" });
      expect(cancelled.completedAt).not.toBeNull();
      // Cancelled is for good.
      await expect(resumeCampaign({ actor: OPERATOR, serviceId: service.id, campaignId })).rejects.toMatchObject({
        code: "conflict",
      });
      await expect(
        sendCampaign({ actor: OPERATOR, serviceId: service.id, campaignId, scheduledFor: null }),
      ).rejects.toMatchObject({ code: "conflict" });

      for (const { request } of campaignCalls(campaignId)) {
        expect(request.ConfigurationSetName).toBe("tidings-plain");
        expect(request.ReplyToAddresses).toEqual(["newsletter-replies@council.example.gov"]);
      }
    },
  );

  it("duplicated, makes a new draft with the same settings; archived, leaves the campaigns list", async () => {
    const { service, template } = await makeCampaignService();
    const replyTo = await db.serviceEmailReplyTo.create({
      data: { serviceId: service.id, emailAddress: "replies@council.example.gov" },
    });
    const [first, second] = [await makeMailingList(service.id, 3), await makeMailingList(service.id, 3, 10)];
    const { id: originalId } = await makeCampaign(service.id, template.id, [first, second], {
      trackEngagement: true,
      fromName: "Council newsletter",
      subject: "Winter news",
    });
    await db.campaign.update({
      where: { id: originalId },
      data: { replyToId: replyTo.id, name: "Winter newsletter" },
    });
    await sendCampaign({
      actor: OPERATOR,
      serviceId: service.id,
      campaignId: originalId,
      scheduledFor: new Date(Date.now() + 86_400_000),
    });

    const { id: copyId } = await copyCampaign({ actor: OPERATOR, serviceId: service.id, campaignId: originalId });
    const [original, copy] = [await findCampaign(service.id, originalId), await findCampaign(service.id, copyId)];
    expect(copyId).not.toBe(originalId);
    expect(copy).toMatchObject({
      name: "Copy of Winter newsletter",
      status: "draft",
      templateId: template.id,
      subject: "Winter news",
      fromName: "Council newsletter",
      replyToId: replyTo.id,
      trackEngagement: true,
      fallbacks: { reference: "none" },
      scheduledFor: null,
      templateVersion: null,
      startedAt: null,
      recipientCount: null,
    });
    const audiences = (campaign: typeof copy) => campaign.audiences.map((audience) => audience.listId).sort();
    expect(audiences(copy)).toEqual(audiences(original));
    expect(audiences(copy)).toEqual([first, second].sort());
    // The original is untouched.
    expect(original).toMatchObject({ status: "scheduled", name: "Winter newsletter" });

    const listed = async (archived = false) =>
      (await listCampaigns(service.id, { archived })).map((campaign) => campaign.id).sort();
    expect(await listed()).toEqual([originalId, copyId].sort());
    await archiveCampaign({ actor: OPERATOR, serviceId: service.id, campaignId: copyId });
    expect(await listed()).toEqual([originalId]);
    expect(await listed(true)).toEqual([copyId]);
    // Its page (and report) stay.
    expect((await findCampaign(service.id, copyId)).archivedAt).not.toBeNull();
    // A campaign still to send cannot be archived out of sight.
    await expect(
      archiveCampaign({ actor: OPERATOR, serviceId: service.id, campaignId: originalId }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await listed()).toEqual([originalId]);
  });
});
