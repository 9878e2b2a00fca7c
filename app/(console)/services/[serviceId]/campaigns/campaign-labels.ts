import type { CampaignView } from "@/lib/campaigns/queries";

export const CAMPAIGN_STATUS_LABELS: Record<CampaignView["status"], string> = {
  draft: "Draft",
  scheduled: "Scheduled",
  sending: "Sending",
  paused: "Paused",
  cancelled: "Cancelled",
  completed: "Sent",
};

/** A rate as the console shows it; a dash when there is nothing to divide by yet. */
export const percent = (value: number | null) =>
  value === null ? "–" : `${value.toLocaleString("en-GB", { maximumFractionDigits: value < 1 ? 2 : 1 })}%`;
