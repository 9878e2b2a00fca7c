import { escapeHtml } from "./email-markdown";

/** How a service's emails are branded: a banner in its colour with its logo and name. */
export type EmailBrandingLook = {
  name: string;
  /** #rrggbb */
  colour: string;
  /** The logo's absolute URL, or null for a banner with the name alone. */
  logoUrl: string | null;
};

export const BRANDING_COLOUR = /^#[0-9a-f]{6}$/i;

/** Black or white, whichever reads better on `colour` (WCAG relative luminance). */
function textColourOn(colour: string): string {
  const [r, g, b] = [1, 3, 5].map((start) => {
    const channel = parseInt(colour.slice(start, start + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return luminance > 0.179 ? "#0b0c0c" : "#ffffff";
}

/**
 * The banner at the top of a branded email, styled inline for email clients. Everything is escaped
 * and a colour that is not #rrggbb is never written into the style (the banner is then left out).
 */
export function emailBrandingHtml(branding: EmailBrandingLook | null | undefined): string {
  if (!branding || !BRANDING_COLOUR.test(branding.colour)) return "";
  const colour = branding.colour.toLowerCase();
  const name = escapeHtml(branding.name);
  const logo = branding.logoUrl
    ? `<img src="${escapeHtml(branding.logoUrl)}" alt="" height="40" style="display: block; height: 40px; width: auto; border: 0; margin-right: 12px;">`
    : "";
  return [
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background: ${colour}; margin: 0 0 20px 0;">`,
    `<tr><td style="padding: 12px 15px;"><table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr>`,
    logo ? `<td style="vertical-align: middle;">${logo}</td>` : "",
    `<td style="vertical-align: middle; color: ${textColourOn(colour)}; font-size: 19px; font-weight: bold; font-family: Helvetica, Arial, sans-serif;">${name}</td>`,
    `</tr></table></td></tr></table>`,
  ].join("");
}
