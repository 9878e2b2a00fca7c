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

// Characters with a plain look-alike that sending does not change itself: replacing them in a template
// keeps each text message at 160 characters. Accented letters outside the GSM set are handled below.
const SYMBOL_LOOK_ALIKES: Record<string, string> = {
  "\u00ab": '"',
  "\u00bb": '"',
  "\u2039": "'",
  "\u203a": "'",
  "\u2022": "-",
  "\u00b7": "-",
};
// How the editor names characters that cannot be seen.
const INVISIBLE_NAMES: Record<string, string> = {
  "\u00a0": "non-breaking space",
  "\u202f": "narrow non-breaking space",
  "\t": "tab",
  "\u200b": "zero-width space",
  "\u200c": "zero-width non-joiner",
  "\u200d": "zero-width joiner",
  "\u2060": "word joiner",
  "\ufeff": "byte order mark",
};

/** A character's plain look-alike: a GSM letter for an accented one (á → a), or the typography downgrade. */
function lookAlikeOf(character: string): string | undefined {
  if (character in DOWNGRADES) return DOWNGRADES[character];
  if (character in SYMBOL_LOOK_ALIKES) return SYMBOL_LOOK_ALIKES[character];
  if (GSM_CHARACTERS.has(character)) return undefined;
  const plain = character.normalize("NFD").replace(/\p{M}/gu, "");
  return plain !== character && [...plain].every((part) => GSM_CHARACTERS.has(part)) ? plain : undefined;
}

export type LookAlike = {
  character: string;
  /** What to show: the character itself, or its name when it cannot be seen (a non-breaking space). */
  label: string;
  replacement: string;
};

/**
 * The characters of a template with a plain look-alike (smart quotes, dashes, non-breaking spaces,
 * accented letters outside the GSM set…), once each, in order of appearance: what the editor offers
 * to replace, as GOV.UK Notify does.
 */
export function lookAlikesIn(text: string): LookAlike[] {
  const found = new Map<string, LookAlike>();
  for (const character of text) {
    if (found.has(character)) continue;
    const replacement = lookAlikeOf(character);
    if (replacement !== undefined)
      found.set(character, { character, label: INVISIBLE_NAMES[character] ?? character, replacement });
  }
  return [...found.values()];
}

/** The text with every look-alike replaced (see lookAlikesIn). */
export function replaceLookAlikes(text: string): string {
  return [...text].map((character) => lookAlikeOf(character) ?? character).join("");
}

type SmsEncoding = "GSM-7" | "UCS-2";

/** @internal Exported for its tests. */
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

/** @internal Exported for its tests. */
export function smsFragmentCount(text: string): number {
  const count = smsCharacterCount(text);
  if (count === 0) return 0;
  const [single, multi] = smsEncoding(text) === "GSM-7" ? [160, 153] : [70, 67];
  return count <= single ? 1 : Math.ceil(count / multi);
}

/** Each character that is not in the GSM set (so makes the text Unicode), once, in order of appearance. */
function unicodeCharacters(text: string): string[] {
  return [...new Set([...text].filter((character) => !GSM_CHARACTERS.has(character)))];
}

export type SmsLength = {
  /** The body's characters, which the 918 limit applies to. */
  characters: number;
  /** Characters of exactly what is sent, the prefix included: what the cost is counted from. */
  sentCharacters: number;
  fragments: number;
  encoding: SmsEncoding;
  /** The characters that make it Unicode (UCS-2), so the person can see which to change. */
  unicodeCharacters: string[];
  tooLong: boolean;
};

/** The service's name before every text, when the service asks for it; null otherwise. */
export function smsPrefixOf(service: { name: string; prefixSms: boolean }): string | null {
  return service.prefixSms ? service.name : null;
}

/**
 * A text as the phone receives it: the prefix ("Parking permits: "), if any, then the body. The
 * service's name gets the same typography downgrades as the body, so that an en dash in it does
 * not make every text Unicode.
 */
export function withSmsPrefix(body: string, prefix: string | null): string {
  return prefix ? `${downgradeForSms(prefix)}: ${body}` : body;
}

/** What the editor shows and sending checks: the length limit ignores the prefix (as Notify's), the cost does not. */
export function measureSms(body: string, prefix: string | null): SmsLength {
  const sent = withSmsPrefix(body, prefix);
  return {
    characters: smsCharacterCount(body),
    sentCharacters: smsCharacterCount(sent),
    // An empty message is not sent at all.
    fragments: body.trim() ? smsFragmentCount(sent) : 0,
    encoding: smsEncoding(sent),
    unicodeCharacters: unicodeCharacters(sent),
    tooLong: smsCharacterCount(body) > SMS_CHARACTER_LIMIT,
  };
}
