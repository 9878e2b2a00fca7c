import type { JobDefinition, LoopDefinition, ScheduledJob } from "./define-job";
import { applyDataRetentionJob } from "./jobs/apply-data-retention";
import { checkRecipientFileJob, expandJobJob, importSubscribersJob } from "./jobs/bulk-sending";
import { emailCampaignPauseJob } from "./jobs/campaigns";
import { cleanupExpiredSessionsJob } from "./jobs/cleanup-expired-sessions";
import { deliverBulkJob, deliverEmailJob, deliverPriorityJob, deliverSmsJob } from "./jobs/deliver-notifications";
import {
  reconcileUncertainSendsJob,
  replayCreatedNotificationsJob,
  timeOutStaleSendsJob,
} from "./jobs/delivery-sweepers";
import { pollPhoneNumbersJob, reconcileOptOutListsJob, syncOptOutListJob } from "./jobs/phone-numbers";
import { sendCallbackJob } from "./jobs/send-callback";
import { config } from "@/lib/config";
import { takeBackupJob } from "./jobs/take-backup";
import { summariseDailyStatusesJob } from "./jobs/summarise-daily-statuses";
import { writeDailySnapshotJob } from "./jobs/write-daily-snapshot";
import { applyProviderEventsLoop } from "./loops/apply-provider-events";
import { materialiseCampaignsLoop } from "./loops/materialise-campaigns";
import { publishQueueAgeLoop } from "./loops/publish-queue-age";

/** Every job this worker runs. A queue with no entry here is never worked. */
export const jobRegistry: JobDefinition[] = [
  deliverPriorityJob,
  deliverEmailJob,
  deliverSmsJob,
  deliverBulkJob,
  checkRecipientFileJob,
  expandJobJob,
  importSubscribersJob,
  emailCampaignPauseJob,
  sendCallbackJob,
  cleanupExpiredSessionsJob,
  reconcileUncertainSendsJob,
  replayCreatedNotificationsJob,
  timeOutStaleSendsJob,
  applyDataRetentionJob,
  summariseDailyStatusesJob,
  writeDailySnapshotJob,
  takeBackupJob,
  syncOptOutListJob,
  reconcileOptOutListsJob,
  pollPhoneNumbersJob,
];

/**
 * Every scheduled job, in one place (as GOV.UK Notify's beat schedule): its cron, read in its time
 * zone, and what it is for. Each runs on one worker at a time; its runs are recorded for the
 * platform admin's Scheduled jobs page, and /api/health flags one not succeeded within twice its period.
 */
export function scheduledJobs(): ScheduledJob[] {
  const backupSchedule = config().BACKUP_SCHEDULE;
  return [
    {
      job: cleanupExpiredSessionsJob,
      cron: "*/15 * * * *",
      timeZone: "UTC",
      description: "Deletes expired sign-in sessions and set-up links, and old worker heartbeats and scheduled runs.",
    },
    {
      job: reconcileUncertainSendsJob,
      cron: "*/5 * * * *",
      timeZone: "UTC",
      description:
        "Settles sends whose outcome is unknown (a worker stopped mid-call) once the provider has had time to report.",
    },
    {
      job: replayCreatedNotificationsJob,
      cron: "*/5 * * * *",
      timeZone: "UTC",
      description: "Queues again notifications that lost their delivery job.",
    },
    {
      job: timeOutStaleSendsJob,
      cron: "17 * * * *",
      timeZone: "UTC",
      description: "Marks sends without a final receipt after 72 hours as temporary failures.",
    },
    // Hourly rather than nightly (as GOV.UK Notify's): recent days' statuses keep settling, and a
    // worker that was down counts the days it missed at its next run. Days are UTC days.
    {
      job: summariseDailyStatusesJob,
      cron: "10 * * * *",
      timeZone: "UTC",
      description: "Counts finished days' messages per service, channel and status for the dashboards.",
    },
    // Nightly, when sending is quiet, as GOV.UK Notify's deletion tasks are.
    {
      job: applyDataRetentionJob,
      cron: "30 1 * * *",
      timeZone: "UTC",
      description: "Archives or deletes what is past each service's data retention.",
    },
    // After midnight UTC, once the finished day's counts are in.
    {
      job: writeDailySnapshotJob,
      cron: "0 2 * * *",
      timeZone: "UTC",
      description: "Writes the previous day's figures for analysts to the snapshots bucket (no personal data).",
    },
    {
      job: pollPhoneNumbersJob,
      cron: "*/5 * * * *",
      timeZone: "UTC",
      description: "Looks again in AWS at phone numbers not yet active and registrations not yet settled.",
    },
    {
      job: reconcileOptOutListsJob,
      cron: "20 3 * * *",
      timeZone: "UTC",
      description: "Compares every service's opt-out list with AWS's and reports the differences.",
    },
    // Only when BACKUP_SCHEDULE is set (a deployment may rely on RDS's own backups alone).
    ...(backupSchedule
      ? [
          {
            job: takeBackupJob,
            cron: backupSchedule,
            timeZone: "UTC",
            description:
              "Backs up the database to the backups bucket, restores the backup into a scratch database and verifies it, then applies retention.",
          },
        ]
      : []),
  ];
}

/**
 * Every loop this worker runs.
 * @internal Exported for the tests' workers, which run the loops without the optional ones.
 */
export const loopRegistry: LoopDefinition[] = [applyProviderEventsLoop, materialiseCampaignsLoop];

/** The loops of this worker's configuration: the queue-age metric only where it is asked for. */
export const configuredLoops = (): LoopDefinition[] => [
  ...loopRegistry,
  ...(config().PUBLISH_QUEUE_AGE_METRIC ? [publishQueueAgeLoop] : []),
];
