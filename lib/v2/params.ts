import "server-only";
import { z } from "zod";
import { uuidString as uuid } from "./schemas";

type RouteParams = Record<string, string>;

/** Path parameters, renamed first so that errors name them as Notify does ("notification_id is not a valid UUID"). */
export const notificationIdParams = z.preprocess(
  (params: RouteParams) => ({ notification_id: params.notificationId }),
  z.object({ notification_id: uuid }),
);
export const jobIdParams = z.preprocess(
  (params: RouteParams) => ({ job_id: params.jobId }),
  z.object({ job_id: uuid }),
);
export const templateIdParams = z.preprocess(
  (params: RouteParams) => ({ id: params.templateId }),
  z.object({ id: uuid }),
);
export const templateVersionParams = z.preprocess(
  (params: RouteParams) => ({ id: params.templateId, version: params.version }),
  z.object({
    id: uuid,
    version: z
      .string()
      .regex(/^\d{1,9}$/, "is not a valid version")
      .transform(Number),
  }),
);

/** Notify serves 250 items per page of notifications and received texts. */
export const API_PAGE_SIZE = 250;

export const listIdParams = z.preprocess(
  (params: RouteParams) => ({ list_id: params.listId }),
  z.object({ list_id: uuid }),
);
