import { renderEmailBodyHtml, renderEmailBodyText, valueToken, wrapEmailHtml } from "./email-markdown";
import { fillPlaceholders, findPlaceholders, normalisePersonalisation, valueAsText, type Personalisation } from "./placeholders";
import { downgradeForSms, measureSms, type SmsLength } from "./sms";
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

// A placeholder alone on its line whose value is a list becomes a bulleted list.
function expandListLines(content: string, personalisation: Personalisation | null | undefined): string {
  const values = normalisePersonalisation(personalisation);
  return content
    .split("\n")
    .map((line) => {
      const placeholders = findPlaceholders(line);
      const only = placeholders.length === 1 && line.trim() === placeholders[0]!.raw ? placeholders[0]! : null;
      const value = only && only.conditionalText === undefined ? values.get(only.key) : undefined;
      return Array.isArray(value) ? value.map((item) => `* ${line.replace(only!.raw, () => valueAsText(item))}`).join("\n") : line;
    })
    .join("\n");
}

export function renderEmail(template: EmailTemplateContent, personalisation: Personalisation | null | undefined): RenderedEmail {
  const subject = normaliseSubject(fillPlaceholders(template.subject, personalisation, valueAsText));
  const content = normaliseBody(expandListLines(template.content, personalisation));
  const values: string[] = [];
  const source = fillPlaceholders(content, personalisation, (value) => {
    values.push(valueAsText(value));
    return valueToken(values.length - 1);
  });
  const htmlBody = renderEmailBodyHtml(source, values);
  return {
    subject,
    body: normaliseBody(fillPlaceholders(content, personalisation, valueAsText)),
    htmlBody,
    html: wrapEmailHtml(htmlBody, subject),
    text: renderEmailBodyText(source, values),
  };
}

export type RenderedSms = {
  /** The content with placeholders filled in, without the prefix (what the API returns). */
  body: string;
  /** Exactly what the phone receives: prefix included, typography downgraded to GSM where possible. */
  sent: string;
  length: SmsLength;
};

export function renderSms(content: string, personalisation: Personalisation | null | undefined, options: { prefix: string | null }): RenderedSms {
  const body = downgradeForSms(normaliseBody(fillPlaceholders(content, personalisation, valueAsText)));
  const sent = options.prefix ? `${options.prefix}: ${body}` : body;
  return { body, sent, length: measureSms(body, options.prefix) };
}
