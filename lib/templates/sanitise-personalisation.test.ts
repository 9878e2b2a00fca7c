import { describe, expect, it } from "vitest";
import { renderEmail } from "./render";
import { sanitisePersonalisation, unlinkValue } from "./sanitise-personalisation";

describe("sanitisePersonalisation", () => {
  const template = {
    subject: "Hello ((name))",
    content: "Dear ((name)),\n\nYour note: ((note))\n\nhttps://example.gov/track",
  };

  it("sends the named values so that a URL inside them is never a link, and reports each", () => {
    const personalisation = { Name: "Visit https://evil.example/login or evil.example", note: "https://example.org" };
    const result = sanitisePersonalisation(personalisation, ["name"]);
    const sanitised = "Visit https:\u200B//evil.\u200Bexample/login or evil.\u200Bexample";
    expect(result.sanitisedContent).toEqual({ Name: { unsanitised: personalisation.Name, sanitised } });
    expect(result.personalisation).toEqual({ Name: sanitised, note: "https://example.org" });

    const html = renderEmail(template, result.personalisation).htmlBody;
    expect(html).not.toContain('href="https://evil.example');
    // Values not named, and the template's own links, are linked as before.
    expect(html).toContain('href="https://example.org"');
    expect(html).toContain('href="https://example.gov/track"');
    // Without the option the same value would have been a link.
    expect(renderEmail(template, personalisation).htmlBody).toContain('href="https://evil.example/login"');
  });

  it("breaks up email addresses and www names, and leaves ordinary text alone", () => {
    expect(unlinkValue("mail me@example.com at www.example.com")).toBe(
      "mail me@\u200Bexample.\u200Bcom at www.\u200Bexample.\u200Bcom",
    );
    expect(unlinkValue("Ada Lovelace, 1. Main St.")).toBe("Ada Lovelace, 1. Main St.");
  });

  it("ignores names without a value and leaves the personalisation alone without the option", () => {
    expect(sanitisePersonalisation({ a: "x.y" }, ["missing"])).toEqual({
      personalisation: { a: "x.y" },
      sanitisedContent: {},
    });
    expect(sanitisePersonalisation({ a: "x.y" }, undefined)).toEqual({
      personalisation: { a: "x.y" },
      sanitisedContent: undefined,
    });
  });
});
