import type { JobDefinition } from "./define-job";
import { cleanupExpiredSessionsJob } from "./jobs/cleanup-expired-sessions";

/** Every job this worker runs. A queue with no entry here is never worked. */
export const jobRegistry: JobDefinition[] = [cleanupExpiredSessionsJob];
