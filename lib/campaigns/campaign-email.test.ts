import { describe, expect, it } from "vitest";
import { campaignTemplate, personalisationFor } from "./campaign-email";

const template = {
  templateId: "t",
  version: 1,
  serviceId: "s",
  name: "News",
  type: "email" as const,
  subject: "Hello ((First name))",
  content: "Your area is ((area)); ((unsubscribe link)).",
  archived: false,
  processType: "normal" as const,
  createdAt: new Date(),
  createdById: null,
};

describe("a campaign's email for one subscriber", () => {
  it("fills placeholders from attributes whatever their case and spacing, then the fallback, never refusing", () => {
    const campaign = { id: null, subject: null, fallbacks: { area: "your area" } };
    expect(
      personalisationFor(template, campaign, { email: "a@example.com", name: null, attributes: { first_name: "Ada" } }),
    ).toEqual({ "First name": "Ada", area: "your area" });
    expect(
      personalisationFor(template, campaign, {
        email: "a@example.com",
        name: null,
        attributes: { AREA: " ", firstname: "" },
      }),
    ).toEqual({ "First name": "", area: "your area" });
  });

  it("replaces the subject when the campaign has its own, and always ends with the unsubscribe link", () => {
    const sent = campaignTemplate(template, { id: null, subject: "Spring news", fallbacks: {} });
    expect(sent.subject).toBe("Spring news");
    expect(sent.content).toMatch(/Unsubscribe: \(\(unsubscribe link\)\)$/);
  });
});
