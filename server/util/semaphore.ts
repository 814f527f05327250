/**
 * Runs at most `limit` tasks at once and queues at most `maxQueue` more; beyond that `run` rejects
 * at once, so a flood cannot pile up unbounded work (or memory) behind the limit.
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly limit: number,
    private readonly maxQueue: number,
  ) {}

  get pending(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>, onFull: () => Error): Promise<T> {
    if (this.active >= this.limit) {
      if (this.waiting.length >= this.maxQueue) throw onFull();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // Hand the slot straight to the next waiter; only free it when nobody waits.
      if (next) next();
      else this.active--;
    }
  }
}
