import { renderEmailBodyHtml, renderEmailBodyText, valueToken, wrapEmailHtml } from "./email-markdown";
import {
  fillPlaceholders,
  findPlaceholders,
  normalisePersonalisation,
  valueAsText,
  type Personalisation,
} from "./placeholders";
import { downgradeForSms, measureSms, withSmsPrefix, type SmsLength } from "./sms";
import { normaliseBody, normaliseSubject } from "./whitespace";

export type EmailTemplateContent = { subject: string; content: string };

export type RenderedEmail = {
  subject: string;
  /** The content with placeholders filled in, as Notify's API returns it (markdown, not HTML). */
  body: string;
  /** The message body as HTML, without the surrounding document (for previews). */
  htmlBody: string;
  /** The complete HTML document that is sent. */
  html: string;
  /** The plain-text alternative that is sent. */
  text: string;
};

/** Notify's email size limit, in bytes of the rendered message. */
export const EMAIL_BYTE_LIMIT = 2_000_000;

/** The HTML of an email is never more than this many times the size of its subject and body, whatever their markdown (render.test.ts). */
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

// A placeholder alone on its line whose value is a list becomes a bulleted list.
function expandListLines(content: string, personalisation: Personalisation | null | undefined): string {
  const values = normalisePersonalisation(personalisation);
  return content
    .split("\n")
    .map((line) => {
      const placeholders = findPlaceholders(line);
      const only = placeholders.length === 1 && line.trim() === placeholders[0]!.raw ? placeholders[0]! : null;
      const value = only && only.conditionalText === undefined ? values.get(only.key) : undefined;
      return Array.isArray(value)
        ? value.map((item) => `* ${line.replace(only!.raw, () => valueAsText(item))}`).join("\n")
        : line;
    })
    .join("\n");
}

/**
 * Renders an email template. The HTML and plain-text versions are rendered when first read: the
 * API accepts a message knowing only its subject and body, and renders the rest at delivery.
 */
export function renderEmail(
  template: EmailTemplateContent,
  personalisation: Personalisation | null | undefined,
): RenderedEmail {
  const subject = normaliseSubject(fillPlaceholders(template.subject, personalisation, valueAsText));
  const content = normaliseBody(expandListLines(template.content, personalisation));
  const tokenised = once(() => {
    const values: string[] = [];
    const source = fillPlaceholders(content, personalisation, (value) => {
      values.push(valueAsText(value));
      return valueToken(values.length - 1);
    });
    return { source, values };
  });
  const htmlBody = once(() => renderEmailBodyHtml(tokenised().source, tokenised().values));
  const html = once(() => wrapEmailHtml(htmlBody(), subject));
  const text = once(() => renderEmailBodyText(tokenised().source, tokenised().values));
  return {
    subject,
    body: normaliseBody(fillPlaceholders(content, personalisation, valueAsText)),
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
