import { applyStoredEvents } from "@/lib/sns/apply-stored-events";
import { defineLoop } from "../define-job";

// Polled every 200 ms when idle: an event applies within a fraction of a second of arriving.
export const applyProviderEventsLoop = defineLoop({
  name: "apply-provider-events",
  run: applyStoredEvents,
  idleMs: 200,
});
