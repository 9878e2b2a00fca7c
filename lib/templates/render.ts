import { emailBrandingHtml, type EmailBrandingLook } from "./email-branding";
import { renderEmailBodyHtml, renderEmailBodyText, valueToken, wrapEmailHtml } from "./email-markdown";
import {
  fillPlaceholders,
  fillPlaceholderValues,
  findPlaceholders,
  normalisePersonalisation,
  valueAsText,
  type Personalisation,
} from "./placeholders";
import { downgradeForSms, measureSms, withSmsPrefix, type SmsLength } from "./sms";
import { rememberByText } from "./remember-by-text";
import { normaliseBody, normaliseSubject } from "./whitespace";

/** A template's own content, normalised once however many rows it is rendered for. */
const normaliseTemplateBody = rememberByText(normaliseBody);

export type EmailTemplateContent = { subject: string; content: string };

export type RenderedEmail = {
  subject: string;
  /** The content with placeholders filled in, as Notify's API returns it (markdown, not HTML). */
  body: string;
  /** The message body as HTML, without the surrounding document (for previews). */
  htmlBody: string;
  /** The service's branding banner above the body ("" when it has none), as sent. */
  bannerHtml: string;
  /** The complete HTML document that is sent. */
  html: string;
  /** The plain-text alternative that is sent. */
  text: string;
};

/** Notify's email size limit, in bytes of the rendered message. */
export const EMAIL_BYTE_LIMIT = 2_000_000;

/**
 * The HTML of an email is never more than this many times the size of its subject and body, whatever their markdown (render.test.ts).
 * @internal Exported for its tests.
 */
export const EMAIL_HTML_EXPANSION_BOUND = 100;

/**
 * The size of the HTML that would be sent, if it is over the limit. A subject and body too short to
 * get there are not rendered to HTML just to be measured.
 */
export function emailBytesOverLimit(rendered: RenderedEmail): number | null {
  if (
    (Buffer.byteLength(rendered.subject) + Buffer.byteLength(rendered.body)) * EMAIL_HTML_EXPANSION_BOUND <=
    EMAIL_BYTE_LIMIT
  )
    return null;
  const bytes = Buffer.byteLength(rendered.html);
  return bytes > EMAIL_BYTE_LIMIT ? bytes : null;
}

/**
 * A placeholder alone on its line whose value is a list becomes a bulleted list. Each item becomes
 * a placeholder of its own (named with a character no template uses), filled like any other value:
 * an item is always literal text, and its line breaks, `[links](…)` or `# headings` stay text.
 */
function expandListLines(
  content: string,
  personalisation: Personalisation | null | undefined,
  values: Map<string, unknown>,
): { content: string; personalisation: Personalisation | null | undefined } {
  // Without a list among the values no line changes: spare each row of a bulk send the search.
  if (![...values.values()].some(Array.isArray)) return { content, personalisation };
  const items: Personalisation = {};
  const expanded = content
    .split("\n")
    .map((line) => {
      const placeholders = findPlaceholders(line);
      const only = placeholders.length === 1 && line.trim() === placeholders[0]!.raw ? placeholders[0]! : null;
      const value = only && only.conditionalText === undefined ? values.get(only.key) : undefined;
      if (!Array.isArray(value)) return line;
      return value
        .map((item) => {
          const name = `\uE002${Object.keys(items).length}`;
          items[name] = valueAsText(item);
          return `* ${line.replace(only!.raw, () => `((${name}))`)}`;
        })
        .join("\n");
    })
    .join("\n");
  return Object.keys(items).length === 0
    ? { content, personalisation }
    : { content: expanded, personalisation: { ...personalisation, ...items } };
}

/**
 * Renders an email template. The HTML and plain-text versions are rendered when first read: the
 * API accepts a message knowing only its subject and body, and renders the rest at delivery.
 */
export function renderEmail(
  template: EmailTemplateContent,
  personalisation: Personalisation | null | undefined,
  branding?: EmailBrandingLook | null,
): RenderedEmail {
  const values = normalisePersonalisation(personalisation);
  const subject = normaliseSubject(fillPlaceholderValues(template.subject, values, valueAsText));
  const lists = expandListLines(template.content, personalisation, values);
  const listValues =
    lists.personalisation === personalisation ? values : normalisePersonalisation(lists.personalisation);
  const content = normaliseTemplateBody(lists.content);
  const tokenised = once(() => {
    const values: string[] = [];
    const source = fillPlaceholderValues(content, listValues, (value) => {
      values.push(valueAsText(value));
      return valueToken(values.length - 1);
    });
    return { source, values };
  });
  const htmlBody = once(() => renderEmailBodyHtml(tokenised().source, tokenised().values));
  const bannerHtml = emailBrandingHtml(branding);
  const html = once(() => wrapEmailHtml(htmlBody(), subject, bannerHtml));
  const text = once(() => renderEmailBodyText(tokenised().source, tokenised().values));
  return {
    subject,
    body: normaliseBody(fillPlaceholderValues(content, listValues, valueAsText)),
    bannerHtml,
    get htmlBody() {
      return htmlBody();
    },
    get html() {
      return html();
    },
    get text() {
      return text();
    },
  };
}

function once<T>(compute: () => T): () => T {
  let result: { value: T } | undefined;
  return () => (result ??= { value: compute() }).value;
}

export type RenderedSms = {
  /** The content with placeholders filled in, without the prefix (what the API returns). */
  body: string;
  /** Exactly what the phone receives: prefix included, typography downgraded to GSM where possible. */
  sent: string;
  length: SmsLength;
};

export function renderSms(
  content: string,
  personalisation: Personalisation | null | undefined,
  options: { prefix: string | null },
): RenderedSms {
  const body = downgradeForSms(normaliseBody(fillPlaceholders(content, personalisation, valueAsText)));
  const sent = withSmsPrefix(body, options.prefix);
  return { body, sent, length: measureSms(body, options.prefix) };
}
