// Counts attempts per key in a fixed window that starts at the key's first attempt. An attempt is
// reserved BEFORE the expensive work it guards (a password hash), synchronously, so requests that
// arrive together cannot all pass the check before any of them is counted. What the reservation
// turns into is the caller's choice: kept (a failure counts), or released (it did not count).

export interface Limit {
  key: string;
  max: number;
  windowMs: number;
}

export type Reservation = { ok: true; release(): void } | { ok: false; retryAfterSec: number };

interface Bucket {
  count: number;
  resetAt: number;
}

export class AttemptLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly maxKeys = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** One attempt against every limit at once, or against none when any of them is spent. */
  reserve(limits: readonly Limit[]): Reservation {
    const now = this.now();
    let wait = 0;
    for (const { key, max } of limits) {
      const bucket = this.live(key, now);
      if (bucket && bucket.count >= max) wait = Math.max(wait, Math.ceil((bucket.resetAt - now) / 1000));
    }
    if (wait > 0) return { ok: false, retryAfterSec: wait };
    const taken = limits.map((limit) => this.take(limit, now));
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        for (const bucket of taken) bucket.count = Math.max(0, bucket.count - 1);
      },
    };
  }

  /** Drops a key's count altogether (a right password clears that login's failures). */
  forget(key: string): void {
    this.buckets.delete(key);
  }

  private live(key: string, now: number): Bucket | undefined {
    const bucket = this.buckets.get(key);
    return bucket && bucket.resetAt > now ? bucket : undefined;
  }

  private take({ key, windowMs }: Limit, now: number): Bucket {
    const live = this.live(key, now);
    if (live) {
      live.count++;
      return live;
    }
    if (this.buckets.size >= this.maxKeys) this.evictExpired(now);
    const bucket = { count: 1, resetAt: now + windowMs };
    this.buckets.set(key, bucket);
    return bucket;
  }

  private evictExpired(now: number): void {
    for (const [key, bucket] of this.buckets) if (bucket.resetAt <= now) this.buckets.delete(key);
    // Still full after dropping the expired ones: forget the oldest rather than grow without bound.
    while (this.buckets.size >= this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
  }
}
