import { snsWebhookRoute } from "@/lib/sns/webhook-route";

// POST /api/webhooks/sms – End User Messaging SMS delivery events from their SNS topic.
export const POST = snsWebhookRoute("sms");
