import { deleteExpiredSessions } from "@/lib/auth/sessions";
import { deleteStaleHeartbeats } from "@/lib/health/heartbeats";
import { count } from "@/lib/operations/describe-counts";
import { deleteOldScheduledRuns } from "@/lib/operations/scheduled-runs";
import { queues } from "@/lib/queue/queues";
import { defineJob } from "../define-job";

const DAY = 86_400_000;

export const cleanupExpiredSessionsJob = defineJob({
  queue: queues.cleanupExpiredSessions,
  handler: async (_payload, { log }) => {
    const deleted = await deleteExpiredSessions();
    const heartbeats = await deleteStaleHeartbeats(new Date(Date.now() - DAY));
    const runs = await deleteOldScheduledRuns(new Date(Date.now() - 30 * DAY));
    log.info({ ...deleted, heartbeats, runs }, "deleted expired sessions and setup tokens");
    return `deleted ${count(deleted.sessions, "expired session")}, ${count(deleted.setupTokens, "set-up link")}, ${count(heartbeats, "old worker heartbeat")} and ${count(runs, "scheduled run over 30 days old", "scheduled runs over 30 days old")}`;
  },
});
