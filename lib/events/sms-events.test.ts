import { describe, expect, it } from "vitest";
import { keywordOf } from "@/lib/inbound-sms/receive-inbound-sms";
import { statusForSmsEvent } from "./sms-events";

describe("SMS event statuses", () => {
  it.each([
    ["TEXT_DELIVERED", true, "delivered"],
    ["TEXT_SUCCESSFUL", true, "delivered"],
    ["TEXT_SUCCESSFUL", false, "pending"],
    ["TEXT_PENDING", false, "pending"],
    ["TEXT_QUEUED", false, "pending"],
    ["TEXT_INVALID", true, "permanent_failure"],
    ["TEXT_BLOCKED", true, "permanent_failure"],
    ["TEXT_CARRIER_BLOCKED", true, "permanent_failure"],
    ["TEXT_SPAM", true, "permanent_failure"],
    ["TEXT_CARRIER_UNREACHABLE", true, "temporary_failure"],
    ["TEXT_UNREACHABLE", true, "temporary_failure"],
    ["TEXT_TTL_EXPIRED", true, "temporary_failure"],
    ["TEXT_UNKNOWN", true, "temporary_failure"],
    ["MEDIA_DELIVERED", true, null],
  ] as const)("%s (final: %s) means %s", (eventType, isFinal, status) => {
    expect(statusForSmsEvent({ eventType, isFinal })).toBe(status);
  });
});

describe("inbound keywords", () => {
  it("recognises opt-out and opt-in keywords whatever their case and spacing", () => {
    expect(keywordOf(" stop ")).toBe("opt-out");
    expect(keywordOf("UNSUBSCRIBE")).toBe("opt-out");
    expect(keywordOf("Start")).toBe("opt-in");
    expect(keywordOf("please stop sending")).toBeNull();
  });
});
