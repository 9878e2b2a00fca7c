import { API_PAGE_SIZE } from "@/lib/v2/params";
import { getNotificationsQuery, notificationsResponse } from "@/lib/v2/schemas";
import { lookup, notificationJson, pageLinks } from "@/lib/v2/serializers";
import { v2Route } from "@/lib/v2/route";
import { listNotificationsForKeyType, senderNames } from "@/lib/notifications/queries";
import { statusesForFilter } from "@/lib/notifications/status-filters";

// GET /v2/notifications – the notifications sent with this key's type, newest first, 250 a page.
export const GET = v2Route(
  {
    docs: {
      operationId: "getNotifications",
      summary: "List notifications sent with this key's type",
      description:
        "Newest first, 250 a page; follow `links.next` for older ones. Only notifications within the service's data retention.",
      response: { status: 200, description: "A page of notifications", schema: notificationsResponse },
    },
    query: getNotificationsQuery,
    repeatableParams: ["status", "template_type"],
  },
  async ({ caller, query, request }) => {
    const types = query.template_type?.filter((type) => type !== "letter");
    const statuses = query.status?.flatMap(statusesForFilter);
    const nothingCanMatch = (types && types.length === 0) || (statuses && statuses.length === 0);
    const notifications = nothingCanMatch
      ? []
      : await listNotificationsForKeyType({
          serviceId: caller.service.id,
          keyType: caller.apiKey.keyType,
          types,
          statuses,
          reference: query.reference,
          olderThan: query.older_than,
          includeJobs: query.include_jobs?.toLowerCase() === "true",
          limit: API_PAGE_SIZE,
        });
    const names = await senderNames(notifications);
    const params = new URL(request.url).searchParams;
    params.delete("older_than");
    return Response.json({
      notifications: notifications.map((notification) =>
        notificationJson(notification, lookup(names, notification.createdById)),
      ),
      links: pageLinks("/v2/notifications", params, notifications.at(-1)?.id),
    });
  },
);
