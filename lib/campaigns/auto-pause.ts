import "server-only";
/** What a campaign's own reputation looks like so far. */
export type ReputationSample = { sent: number; bounced: number; complained: number };

export type AutoPauseLimits = { minSends: number; bouncePercent: number; complaintPercent: number };

const percent = (part: number, whole: number) => (whole === 0 ? 0 : (part / whole) * 100);
const shown = (value: number) => value.toLocaleString("en-GB", { maximumFractionDigits: 2 });
const counted = (value: number) => value.toLocaleString("en-GB");

/**
 * Why a campaign should pause itself, or null: once it has sent at least `minSends`, a bounce rate
 * above `bouncePercent` or a complaint rate above `complaintPercent` (AWS reviews an account at 5%
 * and 0.1%, and may stop all its sending beyond, sign-in codes included).
 */
export function autoPauseReason(sample: ReputationSample, limits: AutoPauseLimits): string | null {
  if (sample.sent < limits.minSends) return null;
  const bounceRate = percent(sample.bounced, sample.sent);
  if (bounceRate > limits.bouncePercent)
    return `Paused automatically: ${counted(sample.bounced)} of the ${counted(sample.sent)} emails it has sent bounced, ${shown(bounceRate)}%, over the limit of ${shown(limits.bouncePercent)}% past which AWS can stop all the email this installation sends. Check the list for out-of-date addresses before resuming.`;
  const complaintRate = percent(sample.complained, sample.sent);
  if (complaintRate > limits.complaintPercent)
    return `Paused automatically: ${counted(sample.complained)} of the ${counted(sample.sent)} people it was sent to marked it as spam, ${shown(complaintRate)}%, over the limit of ${shown(limits.complaintPercent)}% past which AWS can stop all the email this installation sends. Check that everyone on the list asked for these emails before resuming.`;
  return null;
}
