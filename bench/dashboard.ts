import { OPERATOR } from "@/lib/permissions";
// npm run bench:dashboard – how long a service's dashboard takes to count a busy week (a million
// messages by default) from the messages themselves, against reading finished days from the daily
// counts (daily_notification_statuses), in the same run on the same data.
import { disconnectDb } from "@/lib/db";
import { dashboardSummary } from "@/lib/notifications/dashboard";
import { summariseDailyNotificationStatuses } from "@/lib/notifications/daily-statuses";
import { seedNotifications } from "@/lib/seed/seed-notifications";
import { makeService, makeTemplate } from "../tests/support/factories";
import { benchDatabase } from "./support/harness";

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const RUNS = 5;

async function medianMs(work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const startedAt = performance.now();
    await work();
    times.push(performance.now() - startedAt);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

const database = await benchDatabase();
try {
  const service = await makeService({ trialMode: false });
  await makeTemplate(service.id, { type: "email" });
  await makeTemplate(service.id, { type: "sms" });
  process.stdout.write(`Seeding ${MESSAGES.toLocaleString("en-GB")} messages over 7 days…`);
  await seedNotifications({ actor: OPERATOR, serviceId: service.id, count: MESSAGES, days: 7 });
  console.log(" done");

  const counting = await medianMs(() => dashboardSummary(service.id));
  const summariseStartedAt = performance.now();
  await summariseDailyNotificationStatuses();
  const summariseMs = performance.now() - summariseStartedAt;
  const reading = await medianMs(() => dashboardSummary(service.id));

  console.log(
    `\nDashboard of a service with ${MESSAGES.toLocaleString("en-GB")} messages in its last 7 days (median of ${RUNS}):`,
  );
  console.table({
    "counting every message": { ms: Math.round(counting) },
    "finished days from the daily counts": { ms: Math.round(reading) },
  });
  console.log(
    `Daily counts / counting: ${((reading / counting) * 100).toFixed(1)}% of the time; counting the finished days took ${Math.round(summariseMs)} ms (hourly, in the worker)`,
  );
} finally {
  await disconnectDb();
  await database.drop();
}
