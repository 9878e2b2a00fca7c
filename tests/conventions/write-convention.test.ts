import { describe, expect, it } from "vitest";
import { exportedLibFunctions } from "./lib-writes";

// Names that say a function changes something.
const WRITE_VERB =
  /^(create|add|update|remove|delete|revoke|archive|copy|move|set|clear|change|cancel|invite|request|approve|reject|assign|release|send|start|confirm|switch|seed|accept|complete|issue|suspend|reactivate|import|export|schedule|pause|resume|unsubscribe|subscribe)[A-Z]/;

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
  "lib/suppression/suppression-list.ts removeOptOut": "an inbound START from the number itself",
  "lib/api-log/delete-old-api-requests.ts deleteOldApiRequests": "worker: retention",
  "lib/auth/sessions.ts deleteExpiredSessions": "worker: retention",
  "lib/events/delete-expired-events.ts deleteExpiredProviderEvents": "worker: retention",
  "lib/health/heartbeats.ts deleteStaleHeartbeats": "worker: retention",
  "lib/notifications/idempotency.ts deleteExpiredIdempotencyKeys": "worker: retention",
  "lib/retention/archive-expired-notifications.ts archiveExpiredNotifications": "worker: retention",
  "lib/db/embedded.ts startEmbeddedPostgres": "process start-up, not data",
  "lib/storage/s3.ts deleteObject": "file storage plumbing, called by writes that check first",
  "lib/delivery/send-results.ts sendAll": "worker: hands claimed messages to a provider",
  "lib/delivery/send-threads.ts sendOnThreads": "worker: hands claimed messages to a provider",
  "lib/delivery/send-threads.ts startSendThreads": "process start-up, not data",
  "lib/queue/boss.ts createBoss": "process start-up, not data",
  "lib/queue/boss.ts startJobSender": "process start-up, not data",
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
