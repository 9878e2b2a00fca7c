import { describe, expect, it } from "vitest";
import { missingPersonalisation, placeholderNames } from "./placeholders";
import { EMAIL_BYTE_LIMIT, EMAIL_HTML_EXPANSION_BOUND, emailBytesOverLimit, renderEmail, renderSms } from "./render";

describe("placeholders", () => {
  it("match names whatever their case, spaces, hyphens and underscores", () => {
    const rendered = renderSms(
      "Hello ((First Name)), ref ((ref_NUMBER))",
      { first_name: "Ada", "Ref-number": 42 },
      { prefix: null },
    );
    expect(rendered.body).toBe("Hello Ada, ref 42");
  });

  it("list each name once, in order, across subject and body", () => {
    expect(placeholderNames("((name)) and ((Name))", "((date)) ((name))")).toEqual(["name", "date"]);
  });

  it("report what is missing, including optional content", () => {
    expect(missingPersonalisation(["((a)) ((b??yes)) ((c))"], { a: "x", c: null })).toEqual(["b", "c"]);
  });

  it("show optional content only for yes-like values", () => {
    const template = "Start((urgent?? – act now)).";
    for (const yes of ["yes", "Y", "true", "1", "include", "SHOW"])
      expect(renderSms(template, { urgent: yes }, { prefix: null }).body).toBe("Start - act now.");
    for (const no of ["no", "false", "0", "", "nah"])
      expect(renderSms(template, { urgent: no }, { prefix: null }).body).toBe("Start.");
  });
});

describe("email rendering", () => {
  const template = {
    subject: "Your ((thing)) is ready",
    content: [
      "# Dear ((name))",
      "",
      "Your reference is ((ref)).",
      "Visit https://example.gov/track or [your account](https://example.gov/account/((id))).",
      "",
      "## What happens next",
      "* one",
      "* two",
      "",
      "1. first",
      "2. second",
      "",
      "^ Keep this email",
      "",
      "---",
      "",
      "*not emphasis*",
    ].join("\n"),
  };
  const personalisation = {
    thing: "passport",
    name: "Ada <script>alert(1)</script>",
    ref: "[click](https://evil.example)",
    id: "a b",
  };

  it("renders Notify's markdown subset to styled HTML", () => {
    const { htmlBody } = renderEmail(template, personalisation);
    expect(htmlBody).toMatch(/<h2 style="[^"]+">Dear Ada &lt;script&gt;alert\(1\)&lt;\/script&gt;<\/h2>/);
    expect(htmlBody).toMatch(/<h3 style="[^"]+">What happens next<\/h3>/);
    expect(htmlBody).toMatch(/<ul style="[^"]+"><li style="[^"]+">one<\/li><li style="[^"]+">two<\/li><\/ul>/);
    expect(htmlBody).toMatch(/<ol style="[^"]+list-style-type: decimal;"><li[^>]*>first<\/li>/);
    expect(htmlBody).toMatch(/<blockquote style="[^"]+"><p style="[^"]+">Keep this email<\/p><\/blockquote>/);
    expect(htmlBody).toContain("<hr");
    expect(htmlBody).toContain('href="https://example.gov/track">https://example.gov/track</a>');
    expect(htmlBody).toContain('href="https://example.gov/account/a b">your account</a>');
    expect(htmlBody).toContain("*not emphasis*");
  });

  it("shows personalisation as literal text: no markup, no markdown links", () => {
    const { htmlBody } = renderEmail(template, personalisation);
    expect(htmlBody).not.toContain("<script>");
    expect(htmlBody).toContain(
      "Your reference is [click](https://evil.example).".replace(
        "https://evil.example",
        '<a style="color: #1d70b8; text-decoration: underline;" href="https://evil.example">https://evil.example</a>',
      ),
    );
    expect(htmlBody).not.toContain(">click</a>");
  });

  it("fills the subject and gives the plain-text alternative", () => {
    const rendered = renderEmail(template, personalisation);
    expect(rendered.subject).toBe("Your passport is ready");
    expect(rendered.text).toContain("Dear Ada <script>alert(1)</script>\n---");
    expect(rendered.text).toContain("your account: https://example.gov/account/a b");
    expect(rendered.text).toContain("• one\n• two");
    expect(rendered.text).toContain("1. first\n2. second");
    expect(rendered.html).toMatch(/^<!DOCTYPE html>[\s\S]*<title>Your passport is ready<\/title>/);
  });

  it("returns the filled-in markdown as the body, as Notify's API does", () => {
    expect(renderEmail({ subject: "s", content: "Hi ((name))\n\n\n\nBye  " }, { name: "Ada" }).body).toBe(
      "Hi Ada\n\nBye",
    );
  });

  it("turns a list value on its own line into bullets", () => {
    const { htmlBody, body } = renderEmail(
      { subject: "s", content: "You need:\n\n((documents))\n\nThanks ((documents))" },
      { documents: ["passport", "utility bill"] },
    );
    expect(htmlBody).toMatch(/<li[^>]*>passport<\/li><li[^>]*>utility bill<\/li>/);
    expect(htmlBody).toContain("Thanks passport, utility bill");
    expect(body).toContain("* passport\n* utility bill");
  });

  it("ignores links to anything but web and mail addresses", () => {
    expect(renderEmail({ subject: "s", content: "[x](javascript:alert(1))" }, {}).htmlBody).not.toContain("href");
  });
});

describe("email size", () => {
  // The markdown that adds the most markup per byte of body: each short block gets its own styled element.
  const densest = {
    paragraphs: "a\n\n",
    lines: "a\n",
    bullets: "* a\n",
    numbered: "1. a\n",
    headings: "# a\n",
    rules: "---\n\n",
    insets: "^ a\n\n",
    escapes: "&<>\"'",
    links: "https://a.b ",
    mixed: "# a\n* b\n\n^ c\n\n1. d\n\n---\n\nhttps://x.y\n\n",
  };

  it.each(Object.entries(densest))("never renders %s to more HTML than the bound allows", (_name, block) => {
    const rendered = renderEmail({ subject: "s", content: block.repeat(2000) }, {});
    expect(Buffer.byteLength(rendered.html)).toBeLessThan(
      (Buffer.byteLength(rendered.subject) + Buffer.byteLength(rendered.body)) * EMAIL_HTML_EXPANSION_BOUND,
    );
  });

  it("measures the HTML of a long email against Notify's limit", () => {
    const tooLong = renderEmail({ subject: "s", content: "^ a\n\n".repeat(10_000) }, {});
    expect(emailBytesOverLimit(tooLong)).toBe(Buffer.byteLength(tooLong.html));
    expect(Buffer.byteLength(tooLong.html)).toBeGreaterThan(EMAIL_BYTE_LIMIT);
    expect(emailBytesOverLimit(renderEmail({ subject: "s", content: "x".repeat(1_500_000) }, {}))).toBeNull();
  });
});

describe("text message rendering", () => {
  it("adds the service name prefix to what is sent but not to the body", () => {
    const rendered = renderSms("Your code is ((code))", { code: "123456" }, { prefix: "Parking" });
    expect(rendered.body).toBe("Your code is 123456");
    expect(rendered.sent).toBe("Parking: Your code is 123456");
  });

  it("downgrades curly quotes and dashes so the message stays GSM-7", () => {
    const rendered = renderSms("It’s “ready” – come in…", {}, { prefix: null });
    expect(rendered.body).toBe(`It's "ready" - come in...`);
    expect(rendered.length.encoding).toBe("GSM-7");
  });
});

describe("email branding", () => {
  const template = { subject: "Hello", content: "Your licence is ready." };

  it("puts a banner with the logo, colour and name above the body of the sent email", () => {
    const rendered = renderEmail(
      template,
      {},
      {
        name: 'Department <of> "Things" & Stuff',
        colour: "#1D70B8",
        logoUrl: 'https://tidings.example/branding/abc/logo?v=1&x="y"',
      },
    );
    expect(rendered.html).toContain(rendered.bannerHtml);
    expect(rendered.html.indexOf(rendered.bannerHtml)).toBeLessThan(rendered.html.indexOf("Your licence is ready."));
    expect(rendered.bannerHtml).toContain("background: #1d70b8;");
    expect(rendered.bannerHtml).toContain(
      '<img src="https://tidings.example/branding/abc/logo?v=1&amp;x=&quot;y&quot;" alt=""',
    );
    expect(rendered.bannerHtml).toContain("Department &lt;of&gt; &quot;Things&quot; &amp; Stuff");
    expect(rendered.bannerHtml).not.toContain("<of>");
    // White text on a dark colour, black on a light one.
    expect(rendered.bannerHtml).toContain("color: #ffffff;");
    expect(renderEmail(template, {}, { name: "Pale", colour: "#ffdd00", logoUrl: null }).bannerHtml).toContain(
      "color: #0b0c0c;",
    );
  });

  it("leaves the banner out without branding, and never writes a colour that is not #rrggbb", () => {
    expect(renderEmail(template, {}).bannerHtml).toBe("");
    expect(renderEmail(template, {}, null).html).not.toContain("<img");
    const hostile = renderEmail(template, {}, { name: "X", colour: "red;background:url(x)", logoUrl: null });
    expect(hostile.bannerHtml).toBe("");
    expect(hostile.html).not.toContain("url(x)");
  });

  it("shows the name alone when the branding has no logo", () => {
    const rendered = renderEmail(template, {}, { name: "Parks team", colour: "#00703c", logoUrl: null });
    expect(rendered.bannerHtml).toContain("Parks team");
    expect(rendered.bannerHtml).not.toContain("<img");
  });
});
