import { snsWebhookRoute } from "@/lib/sns/webhook-route";

// POST /api/webhooks/inbound-sms – texts to services' numbers, from the two-way channel's SNS topic.
export const POST = snsWebhookRoute("inbound-sms");
