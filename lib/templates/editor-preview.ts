import { escapeHtml } from "./email-markdown";
import { renderEmail, renderSms } from "./render";
import { lookAlikesIn, type LookAlike, type SmsLength } from "./sms";

export type EditorPreview =
  | { type: "email"; subjectHtml: string; bodyHtml: string }
  | {
      type: "sms";
      bodyHtml: string;
      length: SmsLength;
      /** Characters of the template with a plain look-alike, which the editor offers to replace. */
      lookAlikes: LookAlike[];
    };

// Placeholders without a value are kept as written; wrapping them makes them stand out.
const highlightPlaceholders = (html: string) =>
  html.replace(/\(\((.+?)\)\)/g, '<mark class="placeholder">(($1))</mark>');

/**
 * A template as its recipient will see it, placeholders highlighted, for the editor's live preview
 * and the template page. Pure, so that it runs in the browser as the user types.
 */
export function previewForEditor(
  template: { type: "email" | "sms"; subject: string; content: string },
  sms: { prefix: string | null },
): EditorPreview {
  if (template.type === "email") {
    const rendered = renderEmail({ subject: template.subject, content: template.content }, {});
    return {
      type: "email",
      subjectHtml: highlightPlaceholders(escapeHtml(rendered.subject)),
      bodyHtml: highlightPlaceholders(rendered.htmlBody),
    };
  }
  const rendered = renderSms(template.content, {}, sms);
  return {
    type: "sms",
    bodyHtml: highlightPlaceholders(escapeHtml(rendered.sent)).replace(/\n/g, "<br>"),
    length: rendered.length,
    lookAlikes: lookAlikesIn(template.content),
  };
}
