import { notificationIdParams } from "@/lib/v2/params";
import { lookup, notificationJson } from "@/lib/v2/serializers";
import { notFound } from "@/lib/errors";
import { v2Route } from "@/lib/v2/route";
import { findNotification, senderNames } from "@/lib/notifications/queries";

// GET /v2/notifications/{id} – one of the service's notifications, whichever key sent it.
export const GET = v2Route({ params: notificationIdParams }, async ({ caller, params }) => {
  const notification = await findNotification(caller.service.id, params.notification_id);
  if (!notification) throw notFound("Notification");
  const names = await senderNames([notification]);
  return Response.json(notificationJson(notification, lookup(names, notification.createdById)));
});
