import { expandJob } from "@/lib/jobs/expand-job";
import { readSubscriberImport, recordImportFailure } from "@/lib/mailing-lists/read-subscriber-import";
import { queues } from "@/lib/queue/queues";
import { checkStoredRecipientFile, recordCheckFailure } from "@/lib/recipient-files/check-stored-file";
import { defineJob } from "../define-job";

/** Runs `work`; when it fails on the last attempt, `giveUp` says so where people look, then the failure is reported as usual. */
async function orGiveUp(isLastAttempt: boolean, work: () => Promise<void>, giveUp: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (isLastAttempt) await giveUp();
    throw error;
  }
}

/** Checks an uploaded spreadsheet, row by row, writing its progress for the console's progress bar. */
export const checkRecipientFileJob = defineJob({
  queue: queues.checkRecipientFile,
  concurrency: 2,
  handler: ({ fileId }, { isLastAttempt }) =>
    orGiveUp(
      isLastAttempt,
      () => checkStoredRecipientFile(fileId),
      () => recordCheckFailure(fileId),
    ),
});

/** Expands a job's rows into notifications from its resume point (again after a crash: see lib/jobs/expand-job.ts). */
export const expandJobJob = defineJob({
  queue: queues.expandJob,
  concurrency: 1,
  handler: ({ jobId }, { signal }) => expandJob(jobId, { signal }),
});

/** Reads a spreadsheet of subscribers into a mailing list (an import, or a contact list chosen for a campaign), writing its progress. */
export const importSubscribersJob = defineJob({
  queue: queues.importSubscribers,
  concurrency: 1,
  handler: ({ importId }, { isLastAttempt }) =>
    orGiveUp(
      isLastAttempt,
      () => readSubscriberImport(importId),
      () => recordImportFailure(importId),
    ),
});
