import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { campaignCsv } from "@/lib/campaigns/campaign-csv";
import { campaignCounts, campaignRates } from "@/lib/campaigns/campaign-progress";
import { campaignTimeline, problemRecipients, topLinks } from "@/lib/campaigns/campaign-report";
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { db } from "@/lib/db";
import { OPERATOR } from "@/lib/permissions";
import { apiServerForThisFile } from "../support/api-harness";
import { makeCampaign, makeCampaignService, makeMailingList } from "../support/campaigns";
import { deliveryHarnessForThisFile } from "../support/delivery-harness";
import { sesWebhookForThisFile, type SesFixtureEvent } from "../support/ses-events";
import { emailTag } from "../support/ses-stand-in";
import { waitFor } from "../support/wait";

const delivery = deliveryHarnessForThisFile({
  ses: true,
  env: {
    SES_MAX_SEND_RATE: "50",
    SES_CONFIGURATION_SET: "tidings-plain",
    SES_TRACKING_CONFIGURATION_SET: "tidings-tracked",
  },
  worker: true,
});
const api = apiServerForThisFile();
const postSesEvent = sesWebhookForThisFile(api);

const STATUS_LINK = "https://www.example.gov/apply/status";
const NEWS_LINK = "https://www.example.gov/news";

/** The event happened now (the fixtures' own times are before the campaign was sent). */
const justNow =
  (kind: "delivery" | "open" | "click" | "bounce" | "complaint", link?: string) => (event: SesFixtureEvent) => {
    const detail = event[kind] as Record<string, unknown>;
    detail.timestamp = new Date().toISOString();
    if (link) detail.link = link;
  };

describe("a tracked campaign's report", () => {
  it(
    "counts opens and clicks from SES's events, ranks the links clicked, and lists who bounced and who complained",
    { timeout: 120_000 },
    async () => {
      const { service, template } = await makeCampaignService();
      const listId = await makeMailingList(service.id, 6);
      const { id: campaignId } = await makeCampaign(service.id, template.id, [listId], { trackEngagement: true });
      await sendCampaign({ actor: OPERATOR, serviceId: service.id, campaignId, scheduledFor: null });
      const sent = await waitFor(
        "the campaign to be sent",
        async () => {
          const notifications = await db.notification.findMany({
            where: { campaignId, providerReference: { not: null } },
            select: { id: true, serviceId: true, providerReference: true, recipient: true },
            orderBy: { recipient: "asc" },
          });
          return notifications.length === 6 ? notifications : null;
        },
        60_000,
      );
      // Tracked: through the configuration set that turns SES's open and click tracking on.
      const calls = delivery.ses.accepted().filter((call) => emailTag(call.request, "campaign_id") === campaignId);
      expect(calls.map((call) => call.request.ConfigurationSetName)).toEqual(Array(6).fill("tidings-tracked"));

      type Sent = (typeof sent)[number];
      const [reader, clicker, quiet, other, bounced, complained] = sent as [Sent, Sent, Sent, Sent, Sent, Sent];
      for (const notification of [reader, clicker, quiet, other, complained])
        await postSesEvent("ses-delivery", notification, justNow("delivery"));
      await postSesEvent("ses-bounce-permanent", bounced, justNow("bounce"));
      await postSesEvent("ses-complaint", complained, justNow("complaint"));
      // The reader opens it twice and clicks both links; the clicker opens it once and clicks one.
      await postSesEvent("ses-open", reader, justNow("open"));
      await postSesEvent("ses-open", reader, justNow("open"));
      await postSesEvent("ses-open", clicker, justNow("open"));
      await postSesEvent("ses-click", reader, justNow("click", STATUS_LINK));
      await postSesEvent("ses-click", reader, justNow("click", NEWS_LINK));
      await postSesEvent("ses-click", clicker, justNow("click", STATUS_LINK));

      const counts = await waitFor(
        "the events to be applied",
        async () => {
          const now = await campaignCounts(campaignId);
          return now.delivered === 5 && now.bounced === 1 && now.complained === 1 && now.clicked === 2 ? now : null;
        },
        30_000,
      );
      expect(counts).toMatchObject({ sent: 6, delivered: 5, bounced: 1, complained: 1, opened: 2, clicked: 2 });
      expect(campaignRates(counts)).toMatchObject({ opened: 40, clicked: 40 });
      expect(await db.notificationEngagement.findUniqueOrThrow({ where: { notificationId: reader.id } })).toMatchObject(
        {
          openCount: 2,
          clickCount: 2,
        },
      );

      expect(await topLinks(campaignId)).toEqual([
        { link: STATUS_LINK, clicks: 2 },
        { link: NEWS_LINK, clicks: 1 },
      ]);

      const problems = await problemRecipients(campaignId);
      expect(
        problems.map(({ email, problem }) => ({ email, problem })).sort((a, b) => a.problem.localeCompare(b.problem)),
      ).toEqual([
        { email: bounced.recipient, problem: "bounced" },
        { email: complained.recipient, problem: "complained" },
      ]);
      expect(problems.find((problem) => problem.problem === "complained")!.detail).toBe("abuse");
      for (const problem of problems) expect(problem.at).toBeInstanceOf(Date);
      expect(await problemRecipients(campaignId, 1)).toHaveLength(1);

      const { buckets } = await campaignTimeline(campaignId);
      const total = (kind: "delivered" | "opened" | "clicked") =>
        buckets.reduce((sum, bucket) => sum + bucket[kind], 0);
      expect([total("delivered"), total("opened"), total("clicked")]).toEqual([5, 2, 2]);

      const lines = parse(await new Response(campaignCsv(campaignId)).text(), { columns: true }) as Record<
        string,
        string
      >[];
      const lineOf = (email: string) => lines.find((line) => line["Email address"] === email)!;
      expect(lines).toHaveLength(6);
      expect(lineOf(reader.recipient)["First opened (UTC)"]).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(lineOf(reader.recipient)["First clicked (UTC)"]).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(lineOf(quiet.recipient)).toMatchObject({ Status: "delivered", "First opened (UTC)": "", Complained: "" });
      expect(lineOf(bounced.recipient)).toMatchObject({ Status: "permanent-failure" });
      expect(lineOf(complained.recipient)).toMatchObject({ Complained: "yes" });
    },
  );
});
