import "server-only";

type Waiting<Item, Result> = { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void };

export type GroupCommitOptions<Item, Result> = {
  /** Writes a batch in one transaction and answers each item's result, in order. */
  write: (items: Item[]) => Promise<Result[]>;
  maxBatch: number;
  /** Batches written at once: enough to keep a few pool connections busy, leaving the rest to reads. */
  maxConcurrentWrites: number;
};

/**
 * Group commit: items handed over together are written by one transaction, so that under load a
 * request pays one round of statements and one commit per batch rather than per item, while a lone
 * item is written at once. The returned function resolves once its item's batch has committed.
 * A batch that fails is written again one item at a time, so that one bad item never fails the
 * requests it happened to share a transaction with.
 */
export function groupCommit<Item, Result>(options: GroupCommitOptions<Item, Result>): (item: Item) => Promise<Result> {
  let waiting: Waiting<Item, Result>[] = [];
  let writing = 0;
  let scheduled = false;

  const writeOrSplit = async (batch: Waiting<Item, Result>[]): Promise<void> => {
    try {
      const results = await options.write(batch.map((entry) => entry.item));
      batch.forEach((entry, index) => entry.resolve(results[index]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      await Promise.all(batch.map((entry) => writeOrSplit([entry])));
    }
  };

  const scheduleWrite = (): void => {
    if (scheduled || writing >= options.maxConcurrentWrites || waiting.length === 0) return;
    scheduled = true;
    // After the current turn of the event loop, so that requests parsed together share a batch.
    setImmediate(() => {
      scheduled = false;
      const batch = waiting.slice(0, options.maxBatch);
      waiting = waiting.slice(options.maxBatch);
      writing++;
      void writeOrSplit(batch).finally(() => {
        writing--;
        scheduleWrite();
      });
      scheduleWrite();
    });
  };

  return (item) =>
    new Promise((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      scheduleWrite();
    });
}
