import type { JobDefinition } from "./define-job";
import { applyDataRetentionJob } from "./jobs/apply-data-retention";
import { cleanupExpiredSessionsJob } from "./jobs/cleanup-expired-sessions";
import { deliverEmailJob, deliverPriorityJob, deliverSmsJob } from "./jobs/deliver-notifications";
import {
  reconcileUncertainSendsJob,
  replayCreatedNotificationsJob,
  timeOutStaleSendsJob,
} from "./jobs/delivery-sweepers";
import { sendCallbackJob } from "./jobs/send-callback";
import { simulatedReceiptJob } from "./jobs/simulated-receipt";
import { summariseDailyStatusesJob } from "./jobs/summarise-daily-statuses";

/** Every job this worker runs. A queue with no entry here is never worked. */
export const jobRegistry: JobDefinition[] = [
  deliverPriorityJob,
  deliverEmailJob,
  deliverSmsJob,
  simulatedReceiptJob,
  sendCallbackJob,
  cleanupExpiredSessionsJob,
  reconcileUncertainSendsJob,
  replayCreatedNotificationsJob,
  timeOutStaleSendsJob,
  applyDataRetentionJob,
  summariseDailyStatusesJob,
];
