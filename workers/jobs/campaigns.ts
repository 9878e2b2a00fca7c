import { emailPauseToTeam } from "@/lib/campaigns/email-pause-to-team";
import { queues } from "@/lib/queue/queues";
import { defineJob } from "../define-job";

export const emailCampaignPauseJob = defineJob({
  queue: queues.emailCampaignPause,
  handler: async ({ campaignId }, { log }) => {
    const told = await emailPauseToTeam(campaignId);
    log.info({ campaignId, told }, "told the campaign's team that it paused itself");
  },
});
