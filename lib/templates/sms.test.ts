import { describe, expect, it } from "vitest";
import {
  lookAlikesIn,
  measureSms,
  replaceLookAlikes,
  smsCharacterCount,
  smsEncoding,
  smsFragmentCount,
  SMS_CHARACTER_LIMIT,
} from "./sms";

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

describe("what is sent and what it costs", () => {
  it("downgrades an en dash in the service's name, so the prefix does not make the text Unicode", () => {
    const length = measureSms("a".repeat(98), "Parking – permits");
    expect(length).toMatchObject({
      encoding: "GSM-7",
      fragments: 1,
      sentCharacters: 98 + "Parking - permits: ".length,
    });
  });

  it("names the characters that make a text Unicode, and sends nothing for an empty one", () => {
    expect(measureSms("Diolch ŵyr 👍 ŵ", null).unicodeCharacters).toEqual(["ŵ", "👍"]);
    expect(measureSms("", "Parking")).toMatchObject({ fragments: 0, unicodeCharacters: [] });
  });
});

describe("look-alike characters", () => {
  const pasted =
    "Don\u2019t miss it \u2013 caf\u00e1\u00a0open \u201c9\u201d to 5, caf\u00e1 again \u00abnow\u00bb. \u00c9t\u00e9 stays.";

  it("names each once, in order, invisible ones by name, and leaves GSM letters alone", () => {
    expect(lookAlikesIn(pasted)).toEqual([
      { character: "\u2019", label: "\u2019", replacement: "'" },
      { character: "\u2013", label: "\u2013", replacement: "-" },
      { character: "\u00e1", label: "\u00e1", replacement: "a" },
      { character: "\u00a0", label: "non-breaking space", replacement: " " },
      { character: "\u201c", label: "\u201c", replacement: '"' },
      { character: "\u201d", label: "\u201d", replacement: '"' },
      { character: "\u00ab", label: "\u00ab", replacement: '"' },
      { character: "\u00bb", label: "\u00bb", replacement: '"' },
    ]);
    expect(lookAlikesIn("Plain text, \u00e9t\u00e9 and \u00c7a with {braces} \u20ac5")).toEqual([]);
  });

  it("replaces them all, so the text goes as GSM at 160 characters a text", () => {
    const replaced = replaceLookAlikes(pasted);
    expect(replaced).toBe('Don\'t miss it - cafa open "9" to 5, cafa again "now". \u00c9t\u00e9 stays.');
    expect(smsEncoding(pasted)).toBe("UCS-2");
    expect(smsEncoding(replaced)).toBe("GSM-7");
    expect(lookAlikesIn(replaced)).toEqual([]);
  });
});
