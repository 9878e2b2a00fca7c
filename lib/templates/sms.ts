/**
 * Text message length and cost, as GOV.UK Notify counts them. A message that fits GSM-7 goes as
 * 160 characters in one part or 153 per part when split; anything else needs UCS-2: 70, or 67 per
 * part. The GSM extension characters take two places each.
 */
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION = "^{}\\[~]|€\f";
const GSM_CHARACTERS = new Set([...GSM_BASIC, ...GSM_EXTENSION]);
const EXTENSION_CHARACTERS = new Set([...GSM_EXTENSION]);

/** Notify's limit: 918 characters (six 153-character parts), not counting the service name prefix. */
export const SMS_CHARACTER_LIMIT = 918;

// Typography that slips in from word processors and would make the whole message UCS-2 (more than
// twice the cost). Each has a GSM equivalent; GOV.UK Notify downgrades them the same way.
const DOWNGRADES: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201a": "'",
  "\u201b": "'",
  "\u2032": "'",
  "\u201c": '"',
  "\u201d": '"',
  "\u201e": '"',
  "\u201f": '"',
  "\u2033": '"',
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2013": "-",
  "\u2014": "-",
  "\u2015": "-",
  "\u2212": "-",
  "\u2026": "...",
  "\u00a0": " ",
  "\u2002": " ",
  "\u2003": " ",
  "\u2004": " ",
  "\u2005": " ",
  "\u2006": " ",
  "\u2007": " ",
  "\u2008": " ",
  "\u2009": " ",
  "\u200a": " ",
  "\u202f": " ",
  "\t": " ",
  "\u200b": "",
  "\u200c": "",
  "\u200d": "",
  "\u2060": "",
  "\ufeff": "",
};
const DOWNGRADABLE = new RegExp(`[${Object.keys(DOWNGRADES).join("")}]`, "g");

export function downgradeForSms(text: string): string {
  return text.replace(DOWNGRADABLE, (character) => DOWNGRADES[character] ?? character);
}

export type SmsEncoding = "GSM-7" | "UCS-2";

export function smsEncoding(text: string): SmsEncoding {
  for (const character of text) if (!GSM_CHARACTERS.has(character)) return "UCS-2";
  return "GSM-7";
}

/** Characters as the network counts them: extension characters twice in GSM-7, UTF-16 units in UCS-2. */
export function smsCharacterCount(text: string): number {
  if (smsEncoding(text) === "UCS-2") return text.length;
  let count = 0;
  for (const character of text) count += EXTENSION_CHARACTERS.has(character) ? 2 : 1;
  return count;
}

export function smsFragmentCount(text: string): number {
  const count = smsCharacterCount(text);
  if (count === 0) return 0;
  const [single, multi] = smsEncoding(text) === "GSM-7" ? [160, 153] : [70, 67];
  return count <= single ? 1 : Math.ceil(count / multi);
}

export type SmsLength = { characters: number; fragments: number; encoding: SmsEncoding; tooLong: boolean };

/** The service's name before every text, when the service asks for it; null otherwise. */
export function smsPrefixOf(service: { name: string; prefixSms: boolean }): string | null {
  return service.prefixSms ? service.name : null;
}

/** A text as the phone receives it: the prefix ("Parking permits: "), if any, then the body. */
export function withSmsPrefix(body: string, prefix: string | null): string {
  return prefix ? `${prefix}: ${body}` : body;
}

/** What the editor shows and sending checks: the length limit ignores the prefix, the cost does not. */
export function measureSms(body: string, prefix: string | null): SmsLength {
  const sent = withSmsPrefix(body, prefix);
  return {
    characters: smsCharacterCount(body),
    fragments: smsFragmentCount(sent),
    encoding: smsEncoding(sent),
    tooLong: smsCharacterCount(body) > SMS_CHARACTER_LIMIT,
  };
}
