import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { downgradeForSms, smsCharacterCount, smsEncoding, smsFragmentCount } from "./sms";

const GSM_BASIC = [
  ..."@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
];
const GSM_EXTENSION = [..."^{}\\[~]|€\f"];
const gsmText = fc.array(fc.constantFrom(...GSM_BASIC, ...GSM_EXTENSION), { maxLength: 500 }).map((c) => c.join(""));
// Anything at all, emoji (two UTF-16 units) included.
const anyText = fc.string({ unit: "grapheme", maxLength: 300 });

const fragmentsFor = (count: number, single: number, multi: number) =>
  count === 0 ? 0 : count <= single ? 1 : Math.ceil(count / multi);

describe("text message length, for any text", () => {
  it("counts GSM-7 text as 160 in one part, else 153 a part, extension characters twice", () => {
    fc.assert(
      fc.property(gsmText, (text) => {
        expect(smsEncoding(text)).toBe("GSM-7");
        const extensions = [...text].filter((character) => GSM_EXTENSION.includes(character)).length;
        expect(smsCharacterCount(text)).toBe([...text].length + extensions);
        expect(smsFragmentCount(text)).toBe(fragmentsFor(smsCharacterCount(text), 160, 153));
      }),
    );
  });

  it("counts anything else as UCS-2: 70 in one part, else 67 a part, in UTF-16 units", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const encoding = smsEncoding(text);
        const count = smsCharacterCount(text);
        if (encoding === "UCS-2") {
          expect(count).toBe(text.length);
          expect(smsFragmentCount(text)).toBe(fragmentsFor(count, 70, 67));
        } else expect(smsFragmentCount(text)).toBe(fragmentsFor(count, 160, 153));
      }),
    );
  });

  it("switches exactly at the boundaries: 160/161 and 306/307 in GSM-7, 70/71 and 134/135 in UCS-2", () => {
    for (const [character, boundaries] of [
      ["a", [160, 306, 459]],
      ["ŵ", [70, 134, 201]],
    ] as const)
      for (const boundary of boundaries) {
        const fragments = smsFragmentCount(character.repeat(boundary));
        expect(smsFragmentCount(character.repeat(boundary + 1))).toBe(fragments + 1);
      }
    // One extension character at the edge takes two places.
    expect(smsFragmentCount("a".repeat(159) + "€")).toBe(2);
    expect(smsFragmentCount("a".repeat(158) + "€")).toBe(1);
  });

  it("never costs more after downgrading typography, and downgrading twice changes nothing more", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const downgraded = downgradeForSms(text);
        expect(downgradeForSms(downgraded)).toBe(downgraded);
        if (smsEncoding(downgraded) === "UCS-2") expect(smsEncoding(text)).toBe("UCS-2");
      }),
    );
  });

  it("never needs fewer parts for a longer message", () => {
    fc.assert(
      fc.property(anyText, anyText, (start, more) => {
        if (smsEncoding(start) === smsEncoding(start + more))
          expect(smsFragmentCount(start + more)).toBeGreaterThanOrEqual(smsFragmentCount(start));
      }),
    );
  });
});
