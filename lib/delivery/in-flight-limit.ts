import "server-only";

const SMOOTHING = 0.2;

/**
 * How many sends a worker keeps in flight to one provider: enough to fill the send rate at the
 * latency the provider answers with (Little's law, with room for its spread), never more than the
 * ceiling. With no rate to fill, the ceiling.
 */
export class InFlightLimit {
  private active = 0;
  private latencyMs = 50;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly ceiling: number) {}

  private limit(ratePerSecond: number | null): number {
    if (ratePerSecond === null) return this.ceiling;
    const needed = Math.ceil(ratePerSecond * (this.latencyMs / 1000) * 1.5) + 2;
    return Math.max(2, Math.min(this.ceiling, needed));
  }

  /**
   * The fewest sends worth starting together: a quarter of the limit. Slots and send tokens come
   * back one at a time, and a worker that started a send for each as it came would pay a lease, a
   * claim and a write-back per message.
   */
  leastBatch(ratePerSecond: number | null): number {
    return Math.ceil(this.limit(ratePerSecond) / 4);
  }

  /** Waits until `atLeast` more sends may start (1 unless told; never more than the limit), and says how many may. */
  async freeSlots(ratePerSecond: number | null, atLeast = 1): Promise<number> {
    const free = () => this.limit(ratePerSecond) - this.active;
    while (free() < Math.min(Math.max(1, atLeast), this.limit(ratePerSecond)))
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    return free();
  }

  /** Runs `count` sends sent together in as many slots, learning the provider's latency from them. */
  async run<T>(count: number, send: () => Promise<T>): Promise<T> {
    this.active += count;
    const startedAt = performance.now();
    try {
      return await send();
    } finally {
      this.latencyMs += SMOOTHING * (performance.now() - startedAt - this.latencyMs);
      this.active -= count;
      for (const wake of this.waiting.splice(0)) wake();
    }
  }
}
