import type { JobDefinition, LoopDefinition } from "./define-job";
import { applyDataRetentionJob } from "./jobs/apply-data-retention";
import { cleanupExpiredSessionsJob } from "./jobs/cleanup-expired-sessions";
import { deliverEmailJob, deliverPriorityJob, deliverSmsJob } from "./jobs/deliver-notifications";
import {
  reconcileUncertainSendsJob,
  replayCreatedNotificationsJob,
  timeOutStaleSendsJob,
} from "./jobs/delivery-sweepers";
import { sendCallbackJob } from "./jobs/send-callback";
import { summariseDailyStatusesJob } from "./jobs/summarise-daily-statuses";
import { applyProviderEventsLoop } from "./loops/apply-provider-events";

/** Every job this worker runs. A queue with no entry here is never worked. */
export const jobRegistry: JobDefinition[] = [
  deliverPriorityJob,
  deliverEmailJob,
  deliverSmsJob,
  sendCallbackJob,
  cleanupExpiredSessionsJob,
  reconcileUncertainSendsJob,
  replayCreatedNotificationsJob,
  timeOutStaleSendsJob,
  applyDataRetentionJob,
  summariseDailyStatusesJob,
];

/** Every loop this worker runs. */
export const loopRegistry: LoopDefinition[] = [applyProviderEventsLoop];
