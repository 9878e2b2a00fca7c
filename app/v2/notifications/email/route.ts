import { acceptNotification, checkUnsubscribeUrl, parseScheduledFor, refuseFileAttachments } from "@/lib/v2/send";
import { postEmailRequest, postEmailResponse } from "@/lib/v2/schemas";
import { v2Route } from "@/lib/v2/route";
import { sanitisePersonalisation } from "@/lib/templates/sanitise-personalisation";

// POST /v2/notifications/email – send an email (GOV.UK Notify's request and response).
export const POST = v2Route(
  {
    docs: {
      operationId: "sendEmail",
      summary: "Send an email",
      description: "Accepts the email and queues it for delivery.",
      response: { status: 201, description: "Accepted", schema: postEmailResponse },
      idempotent: true,
    },
    body: postEmailRequest,
    sends: true,
  },
  async ({ caller, body, request, rawBody }) => {
    refuseFileAttachments(body.personalisation);
    const { personalisation, sanitisedContent } = sanitisePersonalisation(
      body.personalisation,
      body.sanitise_content_for,
    );
    return acceptNotification(
      request,
      caller,
      rawBody,
      {
        type: "email",
        templateId: body.template_id,
        recipient: body.email_address,
        personalisation,
        reference: body.reference,
        emailReplyToId: body.email_reply_to_id,
        unsubscribeUrl: checkUnsubscribeUrl(body.one_click_unsubscribe_url),
        scheduledFor: parseScheduledFor(body.scheduled_for),
      },
      sanitisedContent ? { sanitised_content: sanitisedContent } : {},
    );
  },
);
