import { notificationIdParams } from "@/lib/v2/params";
import { lookup, notificationJson } from "@/lib/v2/serializers";
import { notFound } from "@/lib/errors";
import { v2Route } from "@/lib/v2/route";
import { notificationResponse } from "@/lib/v2/schemas";
import { findNotification, senderNames } from "@/lib/notifications/queries";

// GET /v2/notifications/{id} – one of the service's notifications, whichever key sent it.
export const GET = v2Route(
  {
    docs: {
      operationId: "getNotification",
      summary: "Get a notification's status",
      response: { status: 200, description: "The notification", schema: notificationResponse },
      pathParams: { notificationId: { description: "The id returned when it was sent", type: "uuid" } },
      canBeNotFound: true,
    },
    params: notificationIdParams,
  },
  async ({ caller, params }) => {
    const notification = await findNotification(caller.service.id, params.notification_id);
    if (!notification) throw notFound("Notification");
    const names = await senderNames([notification]);
    return Response.json(notificationJson(notification, lookup(names, notification.createdById)));
  },
);
