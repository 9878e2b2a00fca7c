import { describe, expect, it } from "vitest";
import { autoPauseReason } from "./auto-pause";

const limits = { minSends: 500, bouncePercent: 5, complaintPercent: 0.1 };

describe("a campaign pausing itself", () => {
  it("waits for the minimum sample, however bad the first results", () => {
    expect(autoPauseReason({ sent: 499, bounced: 499, complained: 499 }, limits)).toBeNull();
  });

  it("pauses when the bounce rate passes the limit, not at it", () => {
    expect(autoPauseReason({ sent: 1000, bounced: 50, complained: 0 }, limits)).toBeNull();
    expect(autoPauseReason({ sent: 1000, bounced: 51, complained: 0 }, limits)).toBe(
      "Paused automatically: 51 of the 1,000 emails it has sent bounced, 5.1%, over the limit of 5% past which AWS can stop all the email this installation sends. Check the list for out-of-date addresses before resuming.",
    );
  });

  it("pauses when the complaint rate passes the limit", () => {
    expect(autoPauseReason({ sent: 1000, bounced: 0, complained: 1 }, limits)).toBeNull();
    expect(autoPauseReason({ sent: 1000, bounced: 0, complained: 2 }, limits)).toMatch(
      /^Paused automatically: 2 of the 1,000 people it was sent to marked it as spam, 0\.2%, over the limit of 0\.1%/,
    );
  });
});
