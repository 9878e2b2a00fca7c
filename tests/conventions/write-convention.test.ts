import { describe, expect, it } from "vitest";
import { exportedLibFunctions } from "./lib-writes";

// Names that say a function changes something.
const WRITE_VERB =
  /^(create|add|update|remove|delete|revoke|archive|copy|move|set|clear|change|cancel|invite|request|approve|reject|assign|release|send|start|confirm|switch|seed|accept|complete|issue|suspend|reactivate|rotate|import|export|schedule|pause|resume|unsubscribe|subscribe|store|record|sync|register|suppress|take|write|save|mark|apply|reconcile|put|upsert|insert|enqueue|settle|transition|expand|materialise|restore|deliver|claim|return|acquire|upload|edit|purge|prune)[A-Z]/;

/**
 * Writes that take no actor, each for a reason: nobody is signed in yet (the token, password or
 * code is the permission), the caller is the API (the API key is the permission), or Tidings
 * itself does it in the worker or on a provider's event.
 */
const WRITES_WITHOUT_ACTOR: Record<string, string> = {
  "lib/auth/sessions.ts createSession": "signing in creates the session",
  "lib/auth/sign-in-codes.ts sendSignInCode": "signing in: the password was right",
  "lib/auth/sign-in-codes.ts confirmSignInCode": "signing in: the code is the permission",
  "lib/auth/security-keys.ts confirmSignInWithSecurityKey": "signing in: the key's signature is the permission",
  "lib/callbacks/send-callback.ts sendCallback": "worker",
  "lib/notifications/send-notification.ts sendNotification": "the API and lib's own senders check their caller first",
  "lib/team/accept-invitation.ts acceptInvitation": "the invitation token is the permission",
  "lib/team/accept-invitation.ts acceptInvitationWithNewAccount": "the invitation token is the permission",
  "lib/users/setup.ts issueSetupToken": "first start, before anyone exists",
  "lib/users/setup.ts completeSetup": "the setup token is the permission",
  "lib/v2/send.ts acceptNotification": "the API key is the permission",
  "lib/jobs/accept-bulk-job.ts acceptBulkJob": "the API key is the permission",
  "lib/retention/delete-expired-recipient-files.ts deleteExpiredRecipientFiles": "worker: retention",
  "lib/mailing-lists/add-subscriber.ts addSubscriberByApi": "the API key is the permission",
  "lib/mailing-lists/remove-subscriber.ts removeSubscriberByApi": "the API key is the permission",
  "lib/mailing-lists/change-subscription.ts unsubscribeByToken": "the signed unsubscribe token is the permission",
  "lib/mailing-lists/change-subscription.ts resubscribeByToken": "the signed unsubscribe token is the permission",
  "lib/suppression/suppression-list.ts removeOptOut": "an inbound START from the number itself",
  "lib/api-log/delete-old-api-requests.ts deleteOldApiRequests": "worker: retention",
  "lib/auth/sessions.ts deleteExpiredSessions": "worker: retention",
  "lib/events/delete-expired-events.ts deleteExpiredProviderEvents": "worker: retention",
  "lib/health/heartbeats.ts deleteStaleHeartbeats": "worker: retention",
  "lib/operations/scheduled-runs.ts deleteOldScheduledRuns": "worker: retention",
  "lib/notifications/idempotency.ts deleteExpiredIdempotencyKeys": "worker: retention",
  "lib/retention/archive-expired-notifications.ts archiveExpiredNotifications": "worker: retention",
  "lib/db/embedded.ts startEmbeddedPostgres": "process start-up, not data",
  "lib/storage/s3.ts deleteObject": "file storage plumbing, called by writes that check first",
  "lib/delivery/send-results.ts sendAll": "worker: hands claimed messages to a provider",
  "lib/delivery/send-threads.ts sendOnThreads": "worker: hands claimed messages to a provider",
  "lib/delivery/send-threads.ts startSendThreads": "process start-up, not data",
  "lib/queue/boss.ts createBoss": "process start-up, not data",
  "lib/operations/metrics-endpoint.ts startMetricsServer": "process start-up, not data",
  "lib/telemetry/start-telemetry.ts startTelemetry": "process start-up, not data",
  "lib/telemetry/otlp-export.ts exportTracesOverOtlp": "process start-up, not data",
  "lib/queue/boss.ts startJobSender": "process start-up, not data",
  "lib/api-log/record-api-request.ts recordApiRequest": "the API: the key is the permission",
  "lib/audit/record-audit-event.ts recordAuditEvent": "called inside writes that checked their permission",
  "lib/backups/take-backup.ts takeBackup": "worker and the operator's CLI",
  "lib/backups/verify-restore.ts restoreDump": "worker and the operator's CLI: into a scratch or empty database",
  "lib/campaigns/materialise-campaigns.ts materialiseCampaigns": "worker",
  "lib/delivery/deliver-batch.ts deliverBatch": "worker",
  "lib/health/heartbeats.ts recordHeartbeat": "worker",
  "lib/jobs/create-job.ts insertJob": "called by writes that checked their permission, or by the API",
  "lib/jobs/expand-job.ts expandJob": "worker",
  "lib/jobs/expand-rows.ts expandRows": "worker",
  "lib/mailing-lists/read-subscriber-import.ts recordImportFailure": "worker",
  "lib/mailing-lists/store-subscribers.ts storeSubscribers":
    "called by writes that checked their permission, and by the worker's import",
  "lib/notifications/reconcile-uncertain-sends.ts reconcileUncertainSends": "worker: sweeper",
  "lib/notifications/settle-stuck.ts settleStuckNotification": "worker: sweepers",
  "lib/notifications/status-machine.ts transitionStatus": "the state machine, called by checked writes and the worker",
  "lib/notifications/status-machine.ts transitionStatuses":
    "the state machine, called by checked writes and the worker",
  "lib/notifications/status-machine.ts applyStatusChanges": "the state machine, on a provider's event",
  "lib/notifications/status-machine.ts recordProviderReferences": "the state machine: worker and provider events",
  "lib/notifications/store-accepted.ts storeAcceptedNotification":
    "called by sendNotification, which checks its caller",
  "lib/notifications/store-accepted.ts storeAcceptedBatch": "worker: a job's expansion",
  "lib/operations/scheduled-runs.ts recordRunStarted": "worker",
  "lib/operations/scheduled-runs.ts recordRunFinished": "worker",
  "lib/phone-numbers/opt-out-lists.ts syncOptedOutNumber": "worker: copies a change already made to AWS",
  "lib/phone-numbers/opt-out-lists.ts reconcileOptOutLists": "worker: nightly",
  "lib/providers/send-rate.ts acquireSendTokens": "worker: the shared send rate",
  "lib/providers/send-rate.ts returnSendTokens": "worker: the shared send rate",
  "lib/queue/boss.ts enqueueMany": "queue plumbing, called by writes that check first",
  "lib/recipient-files/check-stored-file.ts recordCheckFailure": "worker",
  "lib/recipient-files/upload-recipient-file.ts registerRecipientFile":
    "called by writes that checked their permission",
  "lib/recipient-files/upload-recipient-file.ts storeRecipientObject":
    "file storage plumbing, called by writes that check first",
  "lib/retention/apply-data-retention.ts applyDataRetention": "worker: retention",
  "lib/snapshots/write-snapshot.ts writeDailySnapshot": "worker and the operator's CLI",
  "lib/sns/apply-stored-events.ts applyStoredEvents": "worker: provider events",
  "lib/sns/store-provider-event.ts storeProviderEvent": "a provider's event: the SNS signature is the permission",
  "lib/storage/s3.ts putObject": "file storage plumbing, called by writes that check first",
  "lib/storage/s3.ts replaceMetadata": "file storage plumbing, called by the worker's check",
  "lib/suppression/suppression-list.ts suppressRecipient":
    "provider events and inbound STOP, or writes that checked first",
};

describe("every lib write takes one options object with its actor", () => {
  const functions = exportedLibFunctions();

  it("has no write named as such that takes no actor, unless it is listed with its reason", () => {
    const unlisted = functions
      .filter((fn) => WRITE_VERB.test(fn.name) && !fn.takesActor)
      .map((fn) => `${fn.file} ${fn.name}`)
      .filter((key) => !(key in WRITES_WITHOUT_ACTOR));
    expect(unlisted).toEqual([]);
  });

  it("lists no write without an actor that does not exist (or now takes one)", () => {
    const withoutActor = new Set(functions.filter((fn) => !fn.takesActor).map((fn) => `${fn.file} ${fn.name}`));
    expect(Object.keys(WRITES_WITHOUT_ACTOR).filter((key) => !withoutActor.has(key))).toEqual([]);
  });
});
