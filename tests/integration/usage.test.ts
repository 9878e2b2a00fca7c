import { describe, expect, it } from "vitest";
import { resetConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { OPERATOR } from "@/lib/permissions";
import { archiveService } from "@/lib/services/archive-service";
import { approveGoLive } from "@/lib/services/go-live";
import { liveServicesCsv, liveServicesReport } from "@/lib/usage/live-services";
import {
  financialYearOf,
  platformMonthlyUsage,
  platformMonthlyUsageCsv,
  platformUsage,
  serviceUsage,
  serviceUsageCsv,
} from "@/lib/usage/usage";
import { makeService, makeTemplate } from "../support/factories";

type Template = Awaited<ReturnType<typeof makeTemplate>>;

/** A sent notification of the template's service, as usage counts it unless `extra` says otherwise. */
const sentRow = (template: Template, at: string | Date, extra: Record<string, unknown> = {}) => ({
  serviceId: template.serviceId,
  templateId: template.id,
  templateVersion: 1,
  type: template.type,
  recipient: "x",
  normalisedRecipient: "x",
  body: "b",
  keyType: "normal" as const,
  status: "delivered" as const,
  createdAt: new Date(at),
  ...extra,
});

describe("usage", () => {
  it("counts messages and text message parts by month of the financial year, with the free allowance and cost", async () => {
    process.env.SMS_FRAGMENT_RATE = "0.02";
    process.env.SMS_FREE_FRAGMENTS_PER_YEAR = "5";
    resetConfig();
    try {
      const service = await makeService();
      const sms = await makeTemplate(service.id, { type: "sms" });
      const email = await makeTemplate(service.id, { type: "email" });
      await db.notification.createMany({
        data: [
          sentRow(sms, "2026-04-02T10:00:00Z", { billableUnits: 3 }),
          sentRow(sms, "2026-04-20T10:00:00Z", { billableUnits: 2 }),
          sentRow(sms, "2026-11-05T10:00:00Z", { billableUnits: 4 }),
          sentRow(email, "2026-11-05T10:00:00Z"),
          // Not counted: a test key's, a cancelled one, one from the year before.
          sentRow(sms, "2026-11-06T10:00:00Z", { billableUnits: 9, keyType: "test" }),
          sentRow(sms, "2026-11-06T10:00:00Z", { billableUnits: 9, status: "cancelled" }),
          sentRow(sms, "2026-03-31T23:00:00Z", { billableUnits: 9 }),
        ],
      });
      const usage = await serviceUsage(service.id, 2026);
      expect(usage.months).toHaveLength(12);
      expect(usage.months[0]).toEqual({ month: "2026-04", emails: 0, texts: 2, fragments: 5 });
      expect(usage.months[7]).toEqual({ month: "2026-11", emails: 1, texts: 1, fragments: 4 });
      expect(usage.totals).toMatchObject({
        emails: 1,
        texts: 3,
        fragments: 9,
        freeAllowance: 5,
        freeUsed: 5,
        chargeableFragments: 4,
        costInPounds: 0.08,
      });
      expect(serviceUsageCsv(usage).split("\n").at(-2)).toBe("2026-2027 financial year,1,3,9,0.08");
      expect((await platformUsage(2026)).find((entry) => entry.id === service.id)?.totals.fragments).toBe(9);
      expect((await serviceUsage(service.id, 2025)).totals.fragments).toBe(9);
    } finally {
      delete process.env.SMS_FRAGMENT_RATE;
      delete process.env.SMS_FREE_FRAGMENTS_PER_YEAR;
      resetConfig();
    }
  });

  it("reports messages by service per month for the platform, month by month, busiest service first, as CSV too", async () => {
    const [busy, quiet] = [await makeService({ name: "Busy" }), await makeService({ name: "Quiet" })];
    const [busyEmail, busySms, quietSms] = [
      await makeTemplate(busy.id, { type: "email" }),
      await makeTemplate(busy.id, { type: "sms" }),
      await makeTemplate(quiet.id, { type: "sms" }),
    ];
    await db.notification.createMany({
      data: [
        sentRow(busyEmail, "2024-05-01T10:00:00Z"),
        sentRow(busyEmail, "2024-05-02T10:00:00Z"),
        sentRow(busySms, "2024-05-03T10:00:00Z", { billableUnits: 2 }),
        sentRow(busyEmail, "2025-02-10T10:00:00Z"),
        sentRow(quietSms, "2024-05-20T10:00:00Z", { billableUnits: 3 }),
        // Not counted: a test key's, and one from the next financial year.
        sentRow(quietSms, "2024-06-01T10:00:00Z", { keyType: "test" }),
        sentRow(quietSms, "2025-04-01T00:00:00Z"),
      ],
    });
    const rows = await platformMonthlyUsage(2024);
    expect(rows).toEqual([
      { month: "2024-05", serviceId: busy.id, name: "Busy", emails: 2, texts: 1, fragments: 2 },
      { month: "2024-05", serviceId: quiet.id, name: "Quiet", emails: 0, texts: 1, fragments: 3 },
      { month: "2025-02", serviceId: busy.id, name: "Busy", emails: 1, texts: 0, fragments: 0 },
    ]);
    expect(platformMonthlyUsageCsv(rows).split("\n")).toEqual([
      "Month,Service,Service id,Emails,Text messages,Text message parts",
      `2024-05,Busy,${busy.id},2,1,2`,
      `2024-05,Quiet,${quiet.id},0,1,3`,
      `2025-02,Busy,${busy.id},1,0,0`,
      "",
    ]);
  });

  it("reports the live services: by name, when each went live and what it sent this financial year", async () => {
    const year = financialYearOf(new Date());
    const approved = await makeService({ name: "Approved parking" });
    await approveGoLive({ actor: OPERATOR, serviceId: approved.id });
    const liveFromStart = await makeService({ name: "Always live", trialMode: false });
    const trial = await makeService({ name: "Still trying" });
    const archived = await makeService({ name: "Archived", trialMode: false });
    await archiveService({ actor: OPERATOR, serviceId: archived.id });
    const email = await makeTemplate(approved.id, { type: "email" });
    const sms = await makeTemplate(approved.id, { type: "sms" });
    await db.notification.createMany({
      data: [
        sentRow(email, new Date()),
        sentRow(sms, new Date(), { billableUnits: 2 }),
        // Last financial year's: not this year's figures.
        sentRow(email, new Date(Date.UTC(year, 2, 31))),
      ],
    });

    const report = await liveServicesReport(year);
    const ids = report.map((service) => service.id);
    expect(ids).not.toContain(trial.id);
    expect(ids).not.toContain(archived.id);
    const ours = report.filter((service) => [approved.id, liveFromStart.id].includes(service.id));
    expect(ours).toEqual([
      {
        id: liveFromStart.id,
        name: "Always live",
        createdAt: liveFromStart.createdAt,
        wentLiveAt: null,
        emails: 0,
        texts: 0,
        fragments: 0,
      },
      {
        id: approved.id,
        name: "Approved parking",
        createdAt: approved.createdAt,
        wentLiveAt: expect.any(Date),
        emails: 1,
        texts: 1,
        fragments: 2,
      },
    ]);
    const wentLive = await db.auditEvent.findFirstOrThrow({
      where: { serviceId: approved.id, action: "service.settings_changed" },
    });
    expect(ours[1]!.wentLiveAt).toEqual(wentLive.createdAt);
    const csv = liveServicesCsv(ours, year).split("\n");
    expect(csv[0]).toBe(
      `Service,Service id,Created on,Went live on,Emails ${year}-${year + 1},Text messages ${year}-${year + 1},Text message parts ${year}-${year + 1}`,
    );
    expect(csv[2]).toBe(
      `Approved parking,${approved.id},${approved.createdAt.toISOString().slice(0, 10)},${wentLive.createdAt.toISOString().slice(0, 10)},1,1,2`,
    );
  });

  it("names financial years by the April they start in", () => {
    expect(financialYearOf(new Date("2027-03-31T23:59:59Z"))).toBe(2026);
    expect(financialYearOf(new Date("2027-04-01T00:00:00Z"))).toBe(2027);
  });
});
