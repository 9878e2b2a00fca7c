import "server-only";
import { Worker } from "node:worker_threads";
import { log } from "@/lib/log";
import type { SendResult } from "./send-results";
import type { SendRequest, ThreadAnswer, WarmUp } from "./send-thread";
import type { SendableNotification } from "./sendable-notifications";

// The thread runs the same TypeScript or bundled JavaScript as this module, beside it.
const typescript = import.meta.url.endsWith(".ts");
const entry = new URL(`./send-thread${typescript ? ".ts" : ".js"}`, import.meta.url);
const execArgv = typescript ? ["--conditions=react-server", "--import", "tsx"] : [];

/** One sending thread: the requests it has not answered yet, and the providers it has loaded. */
class SendingThread {
  // A larger young generation: each send allocates its request and answer, and collecting them
  // in fewer, larger sweeps costs less.
  private readonly worker = new Worker(entry, { execArgv, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
  private readonly pending = new Map<number, { resolve: (results: SendResult[]) => void; count: number }>();
  private readonly loaded = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  private nextRequest = 0;

  constructor(onExit: (thread: SendingThread, code: number) => void) {
    this.worker.unref();
    this.worker.on("message", (answer: ThreadAnswer) => {
      if ("ready" in answer) return this.loaded.get(answer.ready)?.resolve();
      this.pending.get(answer.id)?.resolve(answer.results);
      this.pending.delete(answer.id);
    });
    this.worker.on("error", (error) => log.error({ err: error }, "a sending thread failed"));
    this.worker.on("exit", (code) => {
      // Whatever it was sending may or may not have reached the provider: never sent again blindly.
      for (const { resolve, count } of this.pending.values())
        resolve(
          Array.from({ length: count }, () => ({
            sent: false as const,
            kind: "uncertain" as const,
            message: `the sending thread stopped (exit code ${code}) before the provider answered`,
          })),
        );
      this.pending.clear();
      onExit(this, code);
    });
  }

  /** Loads the provider (and the AWS SDK) ahead of the first send. */
  load(provider: string): Promise<void> {
    let loading = this.loaded.get(provider);
    if (!loading) {
      let resolve!: () => void;
      loading = { promise: new Promise<void>((done) => (resolve = done)), resolve };
      this.loaded.set(provider, loading);
      this.worker.postMessage({ warmUp: provider } satisfies WarmUp);
    }
    return loading.promise;
  }

  send(provider: string, notifications: SendableNotification[]): Promise<SendResult[]> {
    const id = this.nextRequest++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, count: notifications.length });
      this.worker.postMessage({ id, provider, notifications } satisfies SendRequest);
    });
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

const threads: SendingThread[] = [];
let nextThread = 0;

function replaceIfCrashed(thread: SendingThread, code: number): void {
  const index = threads.indexOf(thread);
  if (index >= 0 && code !== 0) threads[index] = new SendingThread(replaceIfCrashed);
}

/**
 * Starts the sending threads and waits until each has loaded the provider, so that the first sends
 * are not held up (and then released at once, which would break the send rate).
 */
export async function startSendThreads(count: number, provider: string): Promise<void> {
  while (threads.length < count) threads.push(new SendingThread(replaceIfCrashed));
  await Promise.all(threads.map((thread) => thread.load(provider)));
}

/**
 * Hands notifications to a real provider on the worker's sending threads (DELIVERY_SEND_THREADS),
 * spread evenly across them, and resolves with what became of each, in order.
 */
export async function sendOnThreads(
  count: number,
  provider: string,
  notifications: SendableNotification[],
): Promise<SendResult[]> {
  await startSendThreads(count, provider);
  const share = Math.ceil(notifications.length / count);
  const parts: Promise<SendResult[]>[] = [];
  for (let start = 0; start < notifications.length; start += share)
    parts.push(threads[nextThread++ % count]!.send(provider, notifications.slice(start, start + share)));
  return (await Promise.all(parts)).flat();
}

/** Stops the sending threads (once the worker has finished its batches). */
export async function stopSendThreads(): Promise<void> {
  await Promise.all(threads.splice(0).map((thread) => thread.stop()));
}
