import { describe, expect, it } from "vitest";
import { previewForEditor } from "./editor-preview";

describe("the editor's preview", () => {
  it("renders email markdown with placeholders highlighted and user text escaped", () => {
    const preview = previewForEditor(
      {
        type: "email",
        subject: "Hello ((name)) <b>",
        content: "# Heading\n\nDear ((name)), see <script>alert(1)</script>",
      },
      { prefix: null },
    );
    expect(preview.type).toBe("email");
    if (preview.type !== "email") return;
    expect(preview.subjectHtml).toBe('Hello <mark class="placeholder">((name))</mark> &lt;b&gt;');
    expect(preview.bodyHtml).toContain("Heading</h2>");
    expect(preview.bodyHtml).toContain('<mark class="placeholder">((name))</mark>');
    expect(preview.bodyHtml).not.toContain("<script>");
  });

  it("shows a text message as the phone receives it, with its length", () => {
    const preview = previewForEditor(
      { type: "sms", subject: "", content: "Code ((code))\nBye" },
      { prefix: "Parking" },
    );
    expect(preview).toMatchObject({
      type: "sms",
      bodyHtml: 'Parking: Code <mark class="placeholder">((code))</mark><br>Bye',
      length: { fragments: 1, encoding: "GSM-7" },
    });
  });
});
