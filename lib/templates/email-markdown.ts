/**
 * GOV.UK Notify's email formatting, rendered to HTML and to plain text. The subset: `#` headings
 * and `##` sub-headings, `*`/`-`/`•` bullets and `1.` numbered lists, `^` inset text, `---` rules,
 * `[text](https://…)` links and bare URLs. Emphasis is deliberately not supported (Notify's
 * guidance: it makes text harder to read), so asterisks inside text stay as written.
 *
 * Personalisation arrives as tokens (see `valueToken`) so that a recipient's data is always shown
 * as literal text: it is escaped and can never add markup or links of its own beyond a bare URL.
 */

const TOKEN = /\uE000(\d+)\uE001/g;
export const valueToken = (index: number) => `\uE000${index}\uE001`;

type Block =
  | { kind: "heading"; level: 2 | 3; text: string }
  | { kind: "paragraph"; lines: string[] }
  | { kind: "list"; ordered: boolean; items: string[] }
  | { kind: "inset"; lines: string[] }
  | { kind: "rule" };

const RULE = /^ {0,3}((\*\s*){3,}|(-\s*){3,}|(_\s*){3,})$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*$/;
const BULLET = /^\s{0,3}[*•-]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
const INSET = /^\^\s?(.*)$/;

function parseBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  let open: Block | null = null;
  const close = () => {
    if (open) blocks.push(open);
    open = null;
  };
  for (const line of source.replace(/\r\n?/g, "\n").split("\n")) {
    if (!line.trim()) {
      close();
      continue;
    }
    if (RULE.test(line)) {
      close();
      blocks.push({ kind: "rule" });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      close();
      const level = heading[1]!.length;
      if (level <= 2) blocks.push({ kind: "heading", level: level === 1 ? 2 : 3, text: heading[2]! });
      else blocks.push({ kind: "paragraph", lines: [heading[2]!] });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      const ordered = Boolean(numbered);
      const current = open as Block | null;
      if (current?.kind !== "list" || current.ordered !== ordered) {
        close();
        open = { kind: "list", ordered, items: [] };
      }
      (open as unknown as { items: string[] }).items.push((bullet ?? numbered)![1]!);
      continue;
    }
    const inset = INSET.exec(line);
    if (inset) {
      if ((open as Block | null)?.kind !== "inset") {
        close();
        open = { kind: "inset", lines: [] };
      }
      (open as unknown as { lines: string[] }).lines.push(inset[1]!);
      continue;
    }
    const current = open as Block | null;
    if (current?.kind === "list") {
      // A line under a list item without a marker continues that item.
      current.items[current.items.length - 1] += `\n${line.trim()}`;
    } else if (current?.kind === "paragraph" || current?.kind === "inset") {
      current.lines.push(line);
    } else {
      close();
      open = { kind: "paragraph", lines: [line] };
    }
  }
  close();
  return blocks;
}

const STYLE = {
  p: "font-size: 19px; line-height: 25px; color: #0b0c0c; margin: 0 0 20px 0;",
  h2: "font-size: 27px; line-height: 35px; font-weight: bold; color: #0b0c0c; margin: 0 0 15px 0;",
  h3: "font-size: 19px; line-height: 25px; font-weight: bold; color: #0b0c0c; margin: 0 0 10px 0;",
  list: "font-size: 19px; line-height: 25px; color: #0b0c0c; margin: 0 0 20px 0; padding: 0 0 0 20px;",
  li: "margin: 5px 0;",
  inset:
    "border-left: 10px solid #b1b4b6; padding: 15px 0 0.1px 15px; margin: 0 0 20px 0; font-size: 19px; line-height: 25px; color: #0b0c0c;",
  hr: "border: 0; height: 1px; background: #b1b4b6; margin: 30px 0;",
  a: "color: #1d70b8; text-decoration: underline;",
};

export const escapeHtml = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"\uE000\uE001]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?'")\]]+$/;

function linkify(text: string): string {
  let html = "";
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let url = match[0];
    const trailing = TRAILING_PUNCTUATION.exec(url)?.[0] ?? "";
    // Keep a closing bracket that belongs to the URL, like Wikipedia's.
    const balanced =
      trailing.startsWith(")") &&
      (url.match(/\(/g)?.length ?? 0) > (url.slice(0, -trailing.length).match(/\)/g)?.length ?? 0);
    if (trailing && !balanced) url = url.slice(0, -trailing.length);
    html +=
      escapeHtml(text.slice(last, match.index)) +
      `<a style="${STYLE.a}" href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    last = match.index + url.length;
  }
  return html + escapeHtml(text.slice(last));
}

function resolveTokens(text: string, values: string[]): string {
  return text.replace(TOKEN, (_, index: string) => values[Number(index)] ?? "");
}

/** Text with tokens: literal parts and values are escaped separately and each gets bare URLs linked. */
function textHtml(text: string, values: string[], autolink: boolean): string {
  const render = autolink ? linkify : escapeHtml;
  let html = "";
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    html += render(text.slice(last, match.index)) + render(values[Number(match[1])] ?? "");
    last = match.index + match[0].length;
  }
  return html + render(text.slice(last));
}

const LINK = /\[([^\]\n]+)\]\(\s*([^)\s]+)\s*\)/g;
const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

function inlineHtml(text: string, values: string[]): string {
  let html = "";
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const href = resolveTokens(match[2]!, values);
    if (!SAFE_HREF.test(href)) continue;
    html += textHtml(text.slice(last, match.index), values, true);
    html += `<a style="${STYLE.a}" href="${escapeHtml(href)}">${textHtml(match[1]!, values, false)}</a>`;
    last = match.index + match[0].length;
  }
  return (html + textHtml(text.slice(last), values, true)).replace(/\n/g, "<br>");
}

function inlineText(text: string, values: string[]): string {
  return resolveTokens(
    text.replace(LINK, (whole, label: string, href: string) =>
      SAFE_HREF.test(resolveTokens(href, values)) ? `${label}: ${href}` : whole,
    ),
    values,
  );
}

export function renderEmailBodyHtml(source: string, values: string[]): string {
  return parseBlocks(source)
    .map((block) => {
      switch (block.kind) {
        case "heading":
          return `<h${block.level} style="${block.level === 2 ? STYLE.h2 : STYLE.h3}">${inlineHtml(block.text, values)}</h${block.level}>`;
        case "paragraph":
          return `<p style="${STYLE.p}">${inlineHtml(block.lines.join("\n"), values)}</p>`;
        case "list": {
          const tag = block.ordered ? "ol" : "ul";
          const style = `${STYLE.list} list-style-type: ${block.ordered ? "decimal" : "disc"};`;
          return `<${tag} style="${style}">${block.items.map((item) => `<li style="${STYLE.li}">${inlineHtml(item, values)}</li>`).join("")}</${tag}>`;
        }
        case "inset":
          return `<blockquote style="${STYLE.inset}"><p style="${STYLE.p}">${inlineHtml(block.lines.join("\n"), values)}</p></blockquote>`;
        case "rule":
          return `<hr style="${STYLE.hr}">`;
      }
    })
    .join("\n");
}

export function renderEmailBodyText(source: string, values: string[]): string {
  return parseBlocks(source)
    .map((block) => {
      switch (block.kind) {
        case "heading": {
          const text = inlineText(block.text, values);
          return `${text}\n${"-".repeat(Math.max(3, Math.min(text.length, 60)))}`;
        }
        case "paragraph":
          return inlineText(block.lines.join("\n"), values);
        case "list":
          return block.items
            .map((item, index) => `${block.ordered ? `${index + 1}.` : "•"} ${inlineText(item, values)}`)
            .join("\n");
        case "inset":
          return inlineText(block.lines.join("\n"), values);
        case "rule":
          return "=".repeat(60);
      }
    })
    .join("\n\n");
}

/** The whole message, styled inline because email clients ignore style sheets. */
export function wrapEmailHtml(bodyHtml: string, subject: string, bannerHtml = ""): string {
  return [
    "<!DOCTYPE html>",
    `<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin: 0; padding: 0; background: #ffffff; font-family: Helvetica, Arial, sans-serif; -webkit-text-size-adjust: 100%;">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td style="padding: 30px 10px;">',
    `<div style="max-width: 580px; margin: 0 auto;">${bannerHtml}${bodyHtml}</div>`,
    "</td></tr></table></body></html>",
  ].join("\n");
}
