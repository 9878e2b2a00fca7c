import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normaliseEmailAddress, validateEmailAddress } from "./email";
import { checkPhoneNumber } from "./phone";

const localPart = fc.stringMatching(/^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]{1,20}$/);
// Notify allows one or two hyphens between letters or digits in a label, no more.
const label = fc.stringMatching(/^[a-z0-9]{1,8}(--?[a-z0-9]{1,8}){0,2}$/);
const plausibleEmail = fc
  .tuple(
    localPart,
    fc.array(label, { minLength: 1, maxLength: 3 }),
    fc.constantFrom("gov.uk", "com", "org", "xn--p1ai"),
  )
  .map(([local, labels, tld]) => `${local}@${labels.join(".")}.${tld}`);
// Whatever arrives in a spreadsheet cell or an API request.
const anything = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary" }),
  plausibleEmail.map((email) => ` \u200b${email.toUpperCase()}\ufeff `),
);
const phoneish = fc.oneof(
  fc.stringMatching(/^[\d\s()+\-.]{0,25}$/),
  fc.constantFrom("07700 900123", "+44 7700 900123", "0044 7700 900123", "+1 202 555 0143", "(07700) 900-123"),
  fc.string(),
);

describe("recipients, for any input", () => {
  it("validate email addresses without throwing; a valid one is valid again as it is, and normalises once", () => {
    fc.assert(
      fc.property(anything, (raw) => {
        const valid = validateEmailAddress(raw);
        if (valid === null) return;
        expect(validateEmailAddress(valid)).toBe(valid);
        const normalised = normaliseEmailAddress(valid);
        expect(normaliseEmailAddress(normalised)).toBe(normalised);
        expect(normalised).not.toMatch(/\s|[\u200b\ufeff]/);
      }),
    );
  });

  it("accept every address of the usual shape", () => {
    fc.assert(
      fc.property(plausibleEmail, (email) => {
        if (!email.includes("..") && !email.startsWith(".")) expect(validateEmailAddress(email)).toBe(email);
      }),
    );
  });

  it("check phone numbers without throwing, always with a message or an E.164 number that checks the same again", () => {
    fc.assert(
      fc.property(phoneish, fc.constantFrom("GB", "US", "FR"), (raw, home) => {
        const check = checkPhoneNumber(raw, home);
        if (!check.valid) {
          expect(check.message.length).toBeGreaterThan(0);
          return;
        }
        expect(check.e164).toMatch(/^\+\d{8,15}$/);
        expect(checkPhoneNumber(check.e164, home)).toEqual(check);
      }),
    );
  });
});
