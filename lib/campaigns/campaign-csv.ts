import "server-only";
import { csvStream } from "@/lib/csv/csv-stream";
import { db } from "@/lib/db";
import { statusName } from "@/lib/notify-format/status-names";

type Outcome = {
  recipient: string;
  normalisedRecipient: string;
  status: Parameters<typeof statusName>[0];
  sentAt: Date | null;
  completedAt: Date | null;
  firstOpenedAt: Date | null;
  firstClickedAt: Date | null;
  complained: boolean;
  unsubscribed: boolean;
};

const iso = (date: Date | null) => date?.toISOString() ?? "";

/** Every recipient of a campaign with what happened to their email, as CSV, a page at a time. */
export function campaignCsv(campaignId: string): ReadableStream<Uint8Array> {
  return csvStream(
    [
      "Email address",
      "Status",
      "Sent (UTC)",
      "Finished (UTC)",
      "First opened (UTC)",
      "First clicked (UTC)",
      "Complained",
      "Unsubscribed",
    ],
    (async function* () {
      let after = "";
      for (;;) {
        const page = await db.$queryRaw<Outcome[]>`
          SELECT n.recipient, n.normalised_recipient AS "normalisedRecipient", n.status, n.sent_at AS "sentAt", n.completed_at AS "completedAt",
            e.first_opened_at AS "firstOpenedAt", e.first_clicked_at AS "firstClickedAt",
            EXISTS (SELECT 1 FROM complaints c WHERE c.notification_id = n.id) AS complained,
            EXISTS (SELECT 1 FROM subscribers s WHERE s.unsubscribed_via = n.campaign_id AND s.normalised_email = n.normalised_recipient
              AND s.status = 'unsubscribed') AS unsubscribed
          FROM notifications n LEFT JOIN notification_engagements e ON e.notification_id = n.id
          WHERE n.campaign_id = ${campaignId}::uuid AND n.normalised_recipient > ${after}
          ORDER BY n.normalised_recipient LIMIT 1000`;
        if (page.length === 0) return;
        yield* page.map((row) => [
          row.recipient,
          statusName(row.status),
          iso(row.sentAt),
          iso(row.completedAt),
          iso(row.firstOpenedAt),
          iso(row.firstClickedAt),
          row.complained ? "yes" : "",
          row.unsubscribed ? "yes" : "",
        ]);
        after = page.at(-1)!.normalisedRecipient;
      }
    })(),
  );
}
