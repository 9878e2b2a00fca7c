import "server-only";
// A sending thread of the worker (see send-threads.ts): renders and hands messages to one real
// provider, so that the AWS SDK's work per message is spread over the machine's cores.
import { parentPort } from "node:worker_threads";
import { realProviderNamed } from "@/lib/providers/select-provider";
import { sendAll, type SendResult } from "./send-results";
import type { SendableNotification } from "./sendable-notifications";

export type SendRequest = { id: number; provider: string; notifications: SendableNotification[] };

/** Sent first, before any request, to load the provider (and the AWS SDK) ahead of the first send. */
export type WarmUp = { warmUp: string };

export type ThreadAnswer = { id: number; results: SendResult[] } | { ready: string };

parentPort?.on("message", (request: SendRequest | WarmUp) => {
  if ("warmUp" in request) {
    void realProviderNamed(request.warmUp).then(() =>
      parentPort!.postMessage({ ready: request.warmUp } satisfies ThreadAnswer),
    );
    return;
  }
  void realProviderNamed(request.provider)
    .then((provider) => sendAll(provider, request.notifications))
    .then((results) => parentPort!.postMessage({ id: request.id, results } satisfies ThreadAnswer));
});
