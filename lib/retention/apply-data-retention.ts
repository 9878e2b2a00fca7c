import "server-only";
import { deleteOldApiRequests } from "@/lib/api-log/delete-old-api-requests";
import { deleteExpiredProviderEvents } from "@/lib/events/delete-expired-events";
import { deleteExpiredIdempotencyKeys } from "@/lib/notifications/idempotency";
import { archiveExpiredNotifications } from "./archive-expired-notifications";
import { deleteExpiredRecipientFiles } from "./delete-expired-recipient-files";

export type RetentionOutcome = {
  notifications: number;
  inboundSms: number;
  providerEvents: number;
  apiRequests: number;
  idempotentResponses: number;
  recipientFiles: number;
};

/**
 * Everything the nightly retention job forgets: notifications past their service's retention,
 * uploaded recipient files (once nothing of their jobs is still to send),
 * provider events, the API log, and stored idempotent responses (they hold rendered message
 * bodies, so they must not outlive the messages themselves).
 */
export async function applyDataRetention(now: Date = new Date()): Promise<RetentionOutcome> {
  const archived = await archiveExpiredNotifications(now);
  return {
    ...archived,
    providerEvents: await deleteExpiredProviderEvents(now),
    apiRequests: await deleteOldApiRequests(now),
    idempotentResponses: await deleteExpiredIdempotencyKeys(now),
    recipientFiles: await deleteExpiredRecipientFiles(now),
  };
}
