import { deleteExpiredSessions } from "@/lib/auth/sessions";
import { deleteStaleHeartbeats } from "@/lib/health/heartbeats";
import { queues } from "@/lib/queue/queues";
import { defineJob } from "../define-job";

export const cleanupExpiredSessionsJob = defineJob({
  queue: queues.cleanupExpiredSessions,
  schedule: "*/15 * * * *",
  handler: async (_payload, { log }) => {
    const deleted = await deleteExpiredSessions();
    const heartbeats = await deleteStaleHeartbeats(new Date(Date.now() - 86_400_000));
    log.info({ ...deleted, heartbeats }, "deleted expired sessions and setup tokens");
  },
});
