import "server-only";
import { z } from "zod";
import type { Queue } from "pg-boss";
import { config } from "@/lib/config";

export type QueueOptions = Omit<Queue, "name" | "policy" | "partition" | "deadLetter">;

export type QueueDefinition<Payload extends z.ZodType = z.ZodType> = {
  name: string;
  /** Parsed when a job is sent and again when it is worked: a payload never reaches a handler unchecked. */
  payload: Payload;
  options: QueueOptions;
};

/** Options may depend on configuration; they are read when a worker applies them, not at import. */
const defineQueue = <Payload extends z.ZodType>(
  name: string,
  payload: Payload,
  options: QueueOptions | (() => QueueOptions) = {},
): QueueDefinition<Payload> => ({
  name,
  payload,
  get options() {
    return typeof options === "function" ? options() : options;
  },
});

const notificationPayload = z.object({ notificationId: z.uuid() }).strict();

// Retried with backoff for about four hours, as GOV.UK Notify does, then technical-failure: waits
// double from DELIVERY_RETRY_DELAY_SECONDS up to 60 times it (10 s to 10 min by default) over 28
// retries. A delivery job that runs longer than its expiry, or whose worker stops beating its
// heartbeat (killed mid-send), is presumed dead and run again; the handler's own checks make the
// second run harmless. `notify` wakes a waiting worker the moment a job commits instead of at its next poll.
const deliveryOptions = (): QueueOptions => {
  const delay = config().DELIVERY_RETRY_DELAY_SECONDS;
  return {
    retryLimit: 28,
    retryDelay: delay,
    retryBackoff: true,
    retryDelayMax: delay * 60,
    expireInSeconds: 120,
    heartbeatSeconds: 10,
    deleteAfterSeconds: 86_400,
    notify: true,
  };
};

const sweeperOptions: QueueOptions = {
  retryLimit: 2,
  retryDelay: 60,
  expireInSeconds: 300,
  deleteAfterSeconds: 86_400,
};

/** Every queue: the web app sends to them, the worker works them. Payloads carry ids only. */
export const queues = {
  deliverEmail: defineQueue("deliver-email", notificationPayload, deliveryOptions),
  deliverSms: defineQueue("deliver-sms", notificationPayload, deliveryOptions),
  /** Time-critical messages (sign-in codes): worked separately so bulk sends never hold them up. */
  deliverPriority: defineQueue("deliver-priority", notificationPayload, deliveryOptions),
  /** Bulk sends' messages (jobs, campaigns): worked with send tokens left in reserve, so the API's sends never wait behind them. */
  deliverBulk: defineQueue("deliver-bulk", notificationPayload, deliveryOptions),
  /** Checks an uploaded spreadsheet of recipients, row by row, recording its progress. */
  checkRecipientFile: defineQueue("check-recipient-file", z.object({ fileId: z.uuid() }).strict(), {
    retryLimit: 2,
    retryDelay: 10,
    expireInSeconds: 1_800,
    heartbeatSeconds: 10,
    deleteAfterSeconds: 86_400,
    notify: true,
  }),
  /** Reads a spreadsheet of subscribers into a mailing list (an import, or a contact list chosen for a campaign), recording its progress. */
  importSubscribers: defineQueue("import-subscribers", z.object({ importId: z.uuid() }).strict(), {
    retryLimit: 2,
    retryDelay: 10,
    expireInSeconds: 1_800,
    heartbeatSeconds: 10,
    deleteAfterSeconds: 86_400,
    notify: true,
  }),
  /**
   * Expands a job's rows into notifications in batches from its resume point. A worker killed
   * mid-job stops beating its heartbeat; the job is then run again and carries on from there.
   */
  expandJob: defineQueue("expand-job", z.object({ jobId: z.uuid() }).strict(), {
    retryLimit: 10,
    retryDelay: 5,
    expireInSeconds: 3_600,
    heartbeatSeconds: 10,
    deleteAfterSeconds: 86_400,
    notify: true,
  }),
  /** A request to a service's callback URL. Retried with backoff on connection errors, 5xx and 429. */
  sendCallback: defineQueue(
    "send-callback",
    z
      .object({
        serviceId: z.uuid(),
        callbackType: z.enum(["delivery_status", "inbound_sms", "complaint"]),
        subjectId: z.uuid(),
      })
      .strict(),
    () => ({
      retryLimit: 5,
      retryDelay: config().CALLBACK_RETRY_DELAY_SECONDS,
      retryBackoff: true,
      expireInSeconds: 60,
      deleteAfterSeconds: 86_400,
    }),
  ),
  /** Sweepers, each run on a schedule by one worker at a time. */
  reconcileUncertainSends: defineQueue("reconcile-uncertain-sends", z.object({}).strict(), sweeperOptions),
  replayCreatedNotifications: defineQueue("replay-created-notifications", z.object({}).strict(), sweeperOptions),
  timeOutStaleSends: defineQueue("time-out-stale-sends", z.object({}).strict(), sweeperOptions),
  cleanupExpiredSessions: defineQueue("cleanup-expired-sessions", z.object({}).strict(), {
    retryLimit: 2,
    retryDelay: 60,
    expireInSeconds: 300,
  }),
  /** Counts finished days' messages for the dashboard (daily_notification_statuses). */
  summariseDailyStatuses: defineQueue("summarise-daily-statuses", z.object({}).strict(), {
    retryLimit: 3,
    retryDelay: 300,
    expireInSeconds: 1_800,
  }),
  /** Deletes or archives what is past each service's data retention. */
  applyDataRetention: defineQueue("apply-data-retention", z.object({}).strict(), {
    retryLimit: 3,
    retryDelay: 600,
    expireInSeconds: 3_600,
  }),
  /** Writes the previous day's analytics snapshot to S3_BUCKET_SNAPSHOTS. */
  writeDailySnapshot: defineQueue("write-daily-snapshot", z.object({}).strict(), {
    retryLimit: 3,
    retryDelay: 600,
    expireInSeconds: 3_600,
  }),
  /** Backs up the database to S3_BUCKET_BACKUPS and verifies the backup (when BACKUP_SCHEDULE is set). */
  takeBackup: defineQueue("take-backup", z.object({}).strict(), {
    // A failed backup alerts the platform admins; the next scheduled one is the retry.
    retryLimit: 0,
    expireInSeconds: 4 * 3_600,
  }),
  /**
   * Makes one number of a service's AWS opt-out list match ours after a STOP, a START or a number
   * taken off the list. It carries the number rather than an id: after a START or a removal the
   * entry it came from is gone, and only that number may be taken off AWS's list.
   */
  syncOptOutList: defineQueue("sync-opt-out-list", z.object({ serviceId: z.uuid(), number: z.string() }).strict(), {
    retryLimit: 10,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 300,
    deleteAfterSeconds: 86_400,
  }),
  /**
   * Tells a campaign's team that it paused itself: queued in the transaction that pauses it, so the
   * email goes even if the worker that paused it dies the moment after.
   */
  emailCampaignPause: defineQueue("email-campaign-pause", z.object({ campaignId: z.uuid() }).strict(), {
    retryLimit: 10,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 300,
    deleteAfterSeconds: 86_400,
  }),
  /** The nightly comparison of every service's opt-out list with AWS's. */
  reconcileOptOutLists: defineQueue("reconcile-opt-out-lists", z.object({}).strict(), sweeperOptions),
  /** Numbers not yet active and registrations not yet settled, looked at again in AWS. */
  pollPhoneNumbers: defineQueue("poll-phone-numbers", z.object({}).strict(), sweeperOptions),
} as const;
export const allQueues: QueueDefinition[] = Object.values(queues);
