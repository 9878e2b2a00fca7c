import { describe, expect, it } from "vitest";
import { resumeCampaign } from "@/lib/campaigns/control-campaign";
import { emailPauseToTeam } from "@/lib/campaigns/email-pause-to-team";
import { materialiseCampaigns } from "@/lib/campaigns/materialise-campaigns";
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { db } from "@/lib/db";
import { OPERATOR } from "@/lib/permissions";
import { makeCampaign, makeCampaignService, makeMailingList } from "../support/campaigns";
import { makeUser } from "../support/factories";

const pauseEmailJobs = (campaignId: string) =>
  db.$queryRaw<{ state: string }[]>`
    SELECT state::text FROM pgboss.job WHERE name = 'email-campaign-pause' AND data->>'campaignId' = ${campaignId}`;

describe("a campaign that pauses itself", () => {
  it("queues its team's email in the same transaction as the pause, so the email does not depend on the worker that paused it", async () => {
    const { service, template } = await makeCampaignService();
    const member = await makeUser();
    await db.serviceMember.create({
      data: { serviceId: service.id, userId: member.id, permissions: ["send_messages"] },
    });
    const listId = await makeMailingList(service.id, 3);
    const { id: campaignId } = await makeCampaign(service.id, template.id, [listId]);
    await sendCampaign({ actor: OPERATOR, serviceId: service.id, campaignId, scheduledFor: null });
    // Nothing more may be sent today (the limit lowered since): the campaign's first round pauses it.
    await db.service.update({ where: { id: service.id }, data: { emailMessageLimit: 0 } });

    // One round, in this process, with no worker running jobs: as if it died right after.
    await materialiseCampaigns();
    const paused = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(paused).toMatchObject({ status: "paused", pausedReason: expect.stringContaining("daily limit") });
    expect(await pauseEmailJobs(campaignId)).toEqual([{ state: "created" }]);
    const told = () =>
      db.notification.findMany({
        where: { service: { isPlatformService: true }, normalisedRecipient: member.email },
        select: { body: true },
      });
    expect(await told()).toEqual([]);

    // Whichever worker takes the job tells the team, with the reason.
    expect(await emailPauseToTeam(campaignId)).toBe(1);
    expect((await told())[0]!.body).toContain(paused.pausedReason!);

    // Resumed before a job ran, there is nothing to tell.
    await db.service.update({ where: { id: service.id }, data: { emailMessageLimit: 1_000_000 } });
    await resumeCampaign({ actor: OPERATOR, serviceId: service.id, campaignId });
    expect(await emailPauseToTeam(campaignId)).toBe(0);
  });
});
