import "server-only";
import { placeholderKey, valueAsText, type Personalisation } from "./placeholders";

export type SanitisedContent = Record<string, { unsanitised: string; sanitised: string }>;

// A zero-width space after the parts that make text look like a link, so that neither Tidings'
// renderer nor a mail client's own auto-linking can turn the value into one.
const ZERO_WIDTH_SPACE = "\u200B";
const LINK_LIKE = /(:\/\/|\.(?=[\p{L}\p{N}])|@(?=[\p{L}\p{N}])|^www(?=\.))/gu;

/**
 * A value shown as literal text that no mail client turns into a link ("example.com" → "example.\u200Bcom").
 * @internal Exported for its tests.
 */
export function unlinkValue(value: string): string {
  return value.replace(LINK_LIKE, (part) => (part === "://" ? `:${ZERO_WIDTH_SPACE}//` : `${part}${ZERO_WIDTH_SPACE}`));
}

/**
 * GOV.UK Notify's `sanitise_content_for`: the named values are sent so that they read literally,
 * never as formatting or links. Tidings shows every value literally already (see email-markdown.ts),
 * so what is left is breaking up anything that looks like a link. Names match as placeholders do;
 * names without a value are ignored. Answers the personalisation to send and Notify's report.
 */
export function sanitisePersonalisation(
  personalisation: Personalisation | undefined,
  names: string[] | undefined,
): { personalisation: Personalisation | undefined; sanitisedContent: SanitisedContent | undefined } {
  if (!names || !personalisation) return { personalisation, sanitisedContent: names ? {} : undefined };
  const keys = new Set(names.map(placeholderKey));
  const sanitisedContent: SanitisedContent = {};
  const result: Personalisation = {};
  for (const [name, value] of Object.entries(personalisation)) {
    if (!keys.has(placeholderKey(name)) || value === null || value === undefined) {
      result[name] = value;
      continue;
    }
    const unlink = (item: unknown) => unlinkValue(valueAsText(item));
    result[name] = Array.isArray(value) ? value.map(unlink) : unlink(value);
    sanitisedContent[name] = { unsanitised: valueAsText(value), sanitised: valueAsText(result[name]) };
  }
  return { personalisation: result, sanitisedContent };
}
