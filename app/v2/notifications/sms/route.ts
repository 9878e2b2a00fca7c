import { acceptNotification, parseScheduledFor, refuseFileAttachments } from "@/lib/v2/send";
import { postSmsRequest, postSmsResponse } from "@/lib/v2/schemas";
import { v2Route } from "@/lib/v2/route";

// POST /v2/notifications/sms – send a text message (GOV.UK Notify's request and response).
export const POST = v2Route(
  {
    docs: {
      operationId: "sendSms",
      summary: "Send a text message",
      description: "Accepts the text message and queues it for delivery.",
      response: { status: 201, description: "Accepted", schema: postSmsResponse },
      idempotent: true,
    },
    body: postSmsRequest,
    sends: true,
  },
  async ({ caller, body, request, rawBody }) => {
    refuseFileAttachments(body.personalisation);
    return acceptNotification(request, caller, rawBody, {
      type: "sms",
      templateId: body.template_id,
      recipient: body.phone_number,
      personalisation: body.personalisation,
      reference: body.reference,
      smsSenderId: body.sms_sender_id,
      scheduledFor: parseScheduledFor(body.scheduled_for),
    });
  },
);
