import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fillPlaceholders, findPlaceholders, normalisePersonalisation, valueAsText } from "./placeholders";
import { renderEmail, renderSms } from "./render";
import { normaliseBody } from "./whitespace";

// Text as people (and attackers) type it: markdown, HTML, placeholders, URLs, line breaks, any Unicode.
const fragment = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom(
    "<script>alert(1)</script>",
    '<a href="https://evil.example">x</a>',
    "[click here](https://evil.example)",
    "[x](javascript:alert(1))",
    "https://evil.example/login",
    "javascript:alert(1)",
    "((name))",
    "((other??<b>shown</b>))",
    "\n# Heading\n",
    "\n\n* item\n",
    "^ inset",
    "---",
    '" onmouseover="x',
    "&lt;",
    "\uE0000\uE001",
    "\r\n",
  ),
);
const text = fc.array(fragment, { maxLength: 6 }).map((parts) => parts.join(""));
const value = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 4 }));
const personalisation = fc.dictionary(fc.constantFrom("name", "Name", "other", "items", "link"), value);

// The tags in the HTML but line breaks and links of bare URLs: a value's own line breaks show as
// <br>, and a bare URL in it as its link, as in Notify. Any other tag comes from the template.
const tagsOf = (html: string) =>
  (html.replace(/<a style="[^"]*" href="([^"]*)">\1<\/a>/g, "").match(/<[^>]*>/g) ?? []).filter(
    (tag) => tag !== "<br>",
  );

/** The answers that show a placeholder's optional content (`((flag??text))`), as Notify reads them. */
const isYes = (value: unknown) =>
  ["yes", "y", "true", "t", "1", "include", "show"].includes(String(value).trim().toLowerCase());

describe("template rendering, for any template and personalisation", () => {
  // The rules as first written, before they were made quick for bulk files' million rows.
  const fillOnePass = (template: string, values: Record<string, unknown>) => {
    const byKey = normalisePersonalisation(values);
    return template.replace(/\(\(([^()]+)\)\)/g, (raw, inner: string) => {
      const [name = "", ...rest] = inner.split("??");
      const found = byKey.get(name.replace(/[\s_-]/g, "").toLowerCase());
      if (found === undefined || found === null) return raw;
      if (rest.length > 0)
        return ["yes", "y", "true", "t", "1", "include", "show"].includes(String(found).trim().toLowerCase())
          ? rest.join("??")
          : "";
      return valueAsText(found);
    });
  };
  const normaliseLineByLine = (body: string) =>
    body
      .replace(/\r\n?/g, "\n")
      .split("\n")
      .map((line) => line.replace(/[ \t]+$/, ""))
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim();
  const whitespace = fc
    .array(fc.constantFrom(" ", "\t", "\n", "\r", "\r\n", "a", "b ", "\u00a0", "\u2028", "((name))"), {
      maxLength: 30,
    })
    .map((parts) => parts.join(""));

  it("fills placeholders exactly as one pass of a regular expression over the text does", () => {
    fc.assert(
      fc.property(fc.oneof(text, whitespace), personalisation, (template, values) => {
        expect(fillPlaceholders(template, values, valueAsText)).toBe(fillOnePass(template, values));
        // Twice: the second time the template's parse is remembered.
        expect(fillPlaceholders(template, values, valueAsText)).toBe(fillOnePass(template, values));
      }),
    );
  });

  it("normalises a body's whitespace exactly as the line-by-line rules do", () => {
    fc.assert(
      fc.property(fc.oneof(text, whitespace), (body) => {
        expect(normaliseBody(body)).toBe(normaliseLineByLine(body));
      }),
      { numRuns: 1000 },
    );
  });

  it("fills placeholders without ever throwing, and never fills a placeholder that came from a value", () => {
    fc.assert(
      fc.property(text, personalisation, (template, values) => {
        const filled = fillPlaceholders(template, values, valueAsText);
        expect(typeof filled).toBe("string");
        // One pass: "((name))" inside a value stays as the value wrote it.
        const marked = fillPlaceholders(template, values, () => "\u0000");
        expect(findPlaceholders(marked).length).toBeLessThanOrEqual(findPlaceholders(template).length);
      }),
    );
  });

  it("shows optional content exactly when the value is yes-like, and the author's text only", () => {
    fc.assert(
      fc.property(text, text, (shown, answer) => {
        const inner = shown.replace(/[()]/g, "");
        const rendered = fillPlaceholders(`a((flag??${inner}))b`, { flag: answer }, valueAsText);
        const yes = isYes(answer);
        expect(rendered).toBe(yes ? `a${inner}b` : "ab");
      }),
    );
  });

  it("never lets personalisation add markup or links to an email: the tags are the template's own", () => {
    fc.assert(
      fc.property(text, personalisation, (content, values) => {
        const template = { subject: "((name))", content: `${content}\n\n((items))\n\nHello ((name)), ((link))` };
        const rendered = renderEmail(template, values);
        // The same template with harmless values of the same shape (a URL, which may stand as a link's
        // target, or "yes" where the value shows optional content): any further tag came from a value.
        const harmlessValue = (given: unknown) => (isYes(given) ? "yes" : "https://x.example");
        const harmless = Object.fromEntries(
          Object.entries(values).map(([key, given]) => [
            key,
            Array.isArray(given) ? given.map(harmlessValue) : given === null ? null : harmlessValue(given),
          ]),
        );
        const tags = tagsOf(rendered.htmlBody);
        expect(tags.length).toBeLessThanOrEqual(tagsOf(renderEmail(template, harmless).htmlBody).length);
        expect(tags.filter((tag) => /^<\/?(script|iframe|img|object|embed|style|form|input)/i.test(tag))).toEqual([]);
        expect(rendered.htmlBody).not.toMatch(/href="(?!https?:|mailto:)/i);
        expect(rendered.html).toContain(`<title>`);
        expect(typeof rendered.text).toBe("string");
      }),
      { numRuns: 300 },
    );
  });

  it("renders any text message without throwing, and measures what is sent", () => {
    fc.assert(
      fc.property(text, personalisation, fc.option(text), (content, values, prefix) => {
        const rendered = renderSms(content, values, { prefix: prefix || null });
        expect(rendered.sent.endsWith(rendered.body)).toBe(true);
        // An empty message is not sent at all, whatever its prefix; anything else is at least one part.
        if (rendered.body.trim()) expect(rendered.length.fragments).toBeGreaterThanOrEqual(1);
        else expect(rendered.length.fragments).toBe(0);
      }),
    );
  });
});
