import { describe, expect, it } from "vitest";
import { parseTemplate, templateContentProblems, templateInputSchema } from "./schemas";

describe("templateContentProblems", () => {
  it("refuses a text message longer than 918 characters, placeholders and all", () => {
    expect(templateContentProblems({ type: "sms", content: `((name)) ${"a".repeat(1741)}` })).toEqual({
      content: "Text messages cannot be longer than 918 characters. This one is 1,750.",
    });
    expect(templateContentProblems({ type: "sms", content: "a".repeat(918) })).toEqual({});
  });

  it("refuses an unclosed placeholder in the subject or the body", () => {
    expect(
      templateContentProblems({ type: "email", subject: "Hello ((name", content: "Dear ((name)), ((code" }),
    ).toEqual({
      subject: "A placeholder in the subject is not closed: end it with ))",
      content: "A placeholder in the message is not closed: end it with ))",
    });
    expect(
      templateContentProblems({ type: "email", subject: "Hello ((name))", content: "((a)) and ((b??yes))" }),
    ).toEqual({});
  });
});

describe("parseTemplate", () => {
  it("reports every field's problem at once", () => {
    expect(() => parseTemplate(templateInputSchema, { name: "", type: "email", subject: "", content: "((x" })).toThrow(
      expect.objectContaining({
        fieldErrors: {
          name: "Enter a name for this template",
          subject: "Enter a subject line",
          content: "A placeholder in the message is not closed: end it with ))",
        },
      }),
    );
  });
});
