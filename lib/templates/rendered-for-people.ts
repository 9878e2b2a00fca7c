import "server-only";
import type { EmailBrandingLook } from "./email-branding";
import { renderEmail } from "./render";
import { smsPrefixOf, withSmsPrefix } from "./sms";

/**
 * A message as its recipient gets it, for console pages: an email's body as the HTML that is sent
 * (the renderer delivery uses), a text message exactly as the phone shows it, prefix included.
 * `body` is the stored body (placeholders filled in), used when the personalisation is gone. An
 * email shows the service's branding banner above it, as sent.
 */
export function renderedForPeople(
  template: { type: "email" | "sms"; subject: string | null; content: string },
  personalisation: Record<string, unknown> | null,
  body: string,
  service: { name: string; prefixSms: boolean },
  branding: EmailBrandingLook | null,
): { html: string | null; text: string } {
  if (template.type === "sms") return { html: null, text: withSmsPrefix(body, smsPrefixOf(service)) };
  const rendered = personalisation
    ? renderEmail({ subject: template.subject ?? "", content: template.content }, personalisation, branding)
    : renderEmail({ subject: "", content: body }, {}, branding);
  return { html: rendered.bannerHtml + rendered.htmlBody, text: body };
}
