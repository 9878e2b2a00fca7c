import { materialiseCampaigns } from "@/lib/campaigns/materialise-campaigns";
import { defineLoop } from "../define-job";

// Every 250 ms when no campaign needs recipients: a paused campaign resumes, and a scheduled one
// starts, within a fraction of a second.
export const materialiseCampaignsLoop = defineLoop({
  name: "materialise-campaigns",
  run: materialiseCampaigns,
  idleMs: 250,
});
