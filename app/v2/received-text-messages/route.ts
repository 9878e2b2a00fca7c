import { API_PAGE_SIZE } from "@/lib/v2/params";
import { olderThanQuery, receivedTextMessagesResponse } from "@/lib/v2/schemas";
import { pageLinks, receivedTextJson } from "@/lib/v2/serializers";
import { v2Route } from "@/lib/v2/route";
import { listInboundSms } from "@/lib/inbound-sms/queries";

// GET /v2/received-text-messages – texts people sent to the service's number, newest first.
export const GET = v2Route(
  {
    docs: {
      operationId: "getReceivedTextMessages",
      summary: "List text messages received",
      description: "Newest first, 250 a page; follow `links.next` for older ones.",
      response: { status: 200, description: "A page of received texts", schema: receivedTextMessagesResponse },
    },
    query: olderThanQuery,
  },
  async ({ caller, query }) => {
    const messages = await listInboundSms(caller.service.id, { olderThan: query.older_than, limit: API_PAGE_SIZE });
    return Response.json({
      received_text_messages: messages.map(receivedTextJson),
      links: pageLinks("/v2/received-text-messages", new URLSearchParams(), messages.at(-1)?.id),
    });
  },
);
