import "server-only";
import { Worker } from "node:worker_threads";
import { log } from "@/lib/log";
import type { SendResult } from "./send-results";
import type { SendRequest, ThreadAnswer, WarmUp } from "./send-thread";
import type { SendableNotification } from "./sendable-notifications";

// The thread runs the same TypeScript or bundled JavaScript as this module, beside it.
const typescript = import.meta.url.endsWith(".ts");
const entry = new URL(`./send-thread${typescript ? ".ts" : ".js"}`, import.meta.url);
// Threads do not inherit the process's flags once execArgv is given: the react-server condition
// (which lets lib's "server-only" modules load) must be passed on either way.
const execArgv = typescript ? ["--conditions=react-server", "--import", "tsx"] : ["--conditions=react-server"];

/** One sending thread: the requests it has not answered yet, and the providers it has loaded. */
class SendingThread {
  // A thread's young generation is its own, as long as the process sets no semi-space flag (which
  // would override it: scripts/node-flags.ts). 24 MB gives a 16 MB new space: a sending thread keeps
  // little, while the main thread (the claims, a job's expansion) keeps V8's larger default.
  private readonly worker = new Worker(entry, { execArgv, resourceLimits: { maxYoungGenerationSizeMb: 24 } });
  private readonly pending = new Map<number, { resolve: (results: SendResult[]) => void; count: number }>();
  private readonly loaded = new Map<
    string,
    { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void }
  >();
  private started = false;
  private nextRequest = 0;

  constructor(onExit: (thread: SendingThread, code: number, started: boolean) => void) {
    this.worker.unref();
    this.worker.on("message", (answer: ThreadAnswer) => {
      if ("ready" in answer) {
        this.started = true;
        return this.loaded.get(answer.ready)?.resolve();
      }
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
      const unready = new Error(`a sending thread stopped (exit code ${code}) before it had loaded its provider`);
      for (const loading of this.loaded.values()) loading.reject(unready);
      onExit(this, code, this.started);
    });
  }

  /** Loads the provider (and the AWS SDK) ahead of the first send. */
  load(provider: string): Promise<void> {
    let loading = this.loaded.get(provider);
    if (!loading) {
      let resolve!: () => void;
      let reject!: (error: Error) => void;
      const promise = new Promise<void>((done, fail) => ([resolve, reject] = [done, fail]));
      loading = { promise, resolve, reject };
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

/** A thread that crashed while sending is replaced; one that could not start fails the start instead of looping. */
function replaceIfCrashed(thread: SendingThread, code: number, started: boolean): void {
  const index = threads.indexOf(thread);
  if (index < 0) return;
  if (started && code !== 0) threads[index] = new SendingThread(replaceIfCrashed);
  else threads.splice(index, 1);
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
