import { snsWebhookRoute } from "@/lib/sns/webhook-route";

// POST /api/webhooks/unsubscribe-email – emails to UNSUBSCRIBE_EMAIL_ADDRESS (List-Unsubscribe's
// mailto), from the SNS topic the SES receipt rule publishes them to.
export const POST = snsWebhookRoute("unsubscribe-email");
