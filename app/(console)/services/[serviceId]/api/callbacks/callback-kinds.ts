import type { ConfigurableCallback } from "@/lib/callbacks/callback-settings";

/** The callbacks a team sets up, by the URL segment of their form page. */
export const CALLBACK_KINDS: { slug: string; type: ConfigurableCallback; title: string; description: string }[] = [
  {
    slug: "delivery-status",
    type: "delivery_status",
    title: "Delivery receipts",
    description: "Tidings posts the status of each message your API keys sent when it changes (delivered, failed).",
  },
  {
    slug: "received-text-messages",
    type: "inbound_sms",
    title: "Received text messages",
    description: "Tidings posts each text message people send to your service’s number.",
  },
];
