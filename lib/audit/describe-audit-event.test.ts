import { describe, expect, it } from "vitest";
import { describeAuditEvent } from "./describe-audit-event";

describe("describeAuditEvent", () => {
  it("says in words what changed, never the codes", () => {
    expect(
      describeAuditEvent("service.settings_changed", {
        before: { smsMessageLimit: 50, emailRetentionDays: 7 },
        after: { smsMessageLimit: 100, emailRetentionDays: 30 },
      }),
    ).toBe("Changed the daily text message limit and how long emails are kept");
    expect(describeAuditEvent("template.updated", { version: 3 })).toBe(
      "Saved a new version of a template (version 3)",
    );
    expect(describeAuditEvent("reply_to.added", { isDefault: true })).toBe(
      "Added a reply-to email address as the default",
    );
    expect(describeAuditEvent("something.new_happened", {})).toBe("Something new happened");
  });
});
