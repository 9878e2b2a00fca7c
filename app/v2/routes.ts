import type { V2RouteModules } from "@/lib/v2/openapi";
import * as job from "./jobs/[jobId]/route";
import * as listSubscribers from "./lists/[listId]/subscribers/route";
import * as notification from "./notifications/[notificationId]/route";
import * as sendBulk from "./notifications/bulk/route";
import * as sendEmail from "./notifications/email/route";
import * as notifications from "./notifications/route";
import * as sendSms from "./notifications/sms/route";
import * as receivedTextMessages from "./received-text-messages/route";
import * as templatePreview from "./template/[templateId]/preview/route";
import * as template from "./template/[templateId]/route";
import * as templateVersion from "./template/[templateId]/version/[version]/route";
import * as templates from "./templates/route";

/**
 * Every v2 route by its OpenAPI path, for the OpenAPI document and the API docs page. A route
 * missing here is missing from the document, which tests/integration/v2-read.test.ts catches.
 */
export const v2Routes: V2RouteModules = {
  "/v2/notifications/email": sendEmail,
  "/v2/notifications/sms": sendSms,
  "/v2/notifications/bulk": sendBulk,
  "/v2/notifications/{notificationId}": notification,
  "/v2/notifications": notifications,
  "/v2/template/{templateId}": template,
  "/v2/template/{templateId}/version/{version}": templateVersion,
  "/v2/template/{templateId}/preview": templatePreview,
  "/v2/templates": templates,
  "/v2/received-text-messages": receivedTextMessages,
  "/v2/jobs/{jobId}": job,
  "/v2/lists/{listId}/subscribers": listSubscribers,
};
