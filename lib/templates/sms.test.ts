import { describe, expect, it } from "vitest";
import { measureSms, smsCharacterCount, smsEncoding, smsFragmentCount, SMS_CHARACTER_LIMIT } from "./sms";

describe("SMS encoding", () => {
  it("detects GSM-7, including its accented letters and extension characters", () => {
    expect(smsEncoding("Café à Zürich? £5 {ok} €")).toBe("GSM-7");
    expect(smsEncoding("Diolch yn fawr, ŵyr")).toBe("UCS-2");
    expect(smsEncoding("Thanks 👍")).toBe("UCS-2");
    expect(smsEncoding("Привет")).toBe("UCS-2");
  });
});

describe("SMS fragments", () => {
  it("fits 160 GSM characters in one part and 153 per part after that", () => {
    expect(smsFragmentCount("a".repeat(160))).toBe(1);
    expect(smsFragmentCount("a".repeat(161))).toBe(2);
    expect(smsFragmentCount("a".repeat(306))).toBe(2);
    expect(smsFragmentCount("a".repeat(307))).toBe(3);
    expect(smsFragmentCount("a".repeat(918))).toBe(6);
  });

  it("counts extension characters twice", () => {
    expect(smsCharacterCount("[]")).toBe(4);
    expect(smsFragmentCount("a".repeat(159) + "€")).toBe(2);
  });

  it("fits 70 UCS-2 characters in one part and 67 per part after that", () => {
    expect(smsFragmentCount("ŵ".repeat(70))).toBe(1);
    expect(smsFragmentCount("ŵ".repeat(71))).toBe(2);
    expect(smsFragmentCount("ŵ".repeat(134))).toBe(2);
    expect(smsFragmentCount("ŵ".repeat(135))).toBe(3);
    // An emoji is two UTF-16 code units.
    expect(smsCharacterCount("👍")).toBe(2);
  });

  it("limits the body to 918 characters and counts the prefix in the cost only", () => {
    expect(measureSms("a".repeat(SMS_CHARACTER_LIMIT), "Service")).toMatchObject({
      characters: 918,
      tooLong: false,
      fragments: 7,
    });
    expect(measureSms("a".repeat(SMS_CHARACTER_LIMIT + 1), null)).toMatchObject({ tooLong: true });
    expect(measureSms("a".repeat(157), "Ab")).toMatchObject({ characters: 157, fragments: 2 });
  });
});
