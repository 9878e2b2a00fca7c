import { snsWebhookRoute } from "@/lib/sns/webhook-route";

// POST /api/webhooks/ses – SES events from the configuration set's SNS topic.
export const POST = snsWebhookRoute("ses");
