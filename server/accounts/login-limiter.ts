// Counts failed logins per client address and per (address, login) pair, in a fixed window that
// starts at the first failure.
// Failures only: a person who types the password right is never slowed down by others.

interface Bucket {
  count: number;
  resetAt: number;
}

export interface LimiterOptions {
  windowMs: number;
  maxPerLogin: number;
  maxPerAddress: number;
  maxKeys: number;
}

/** The same normalisation as the account lookup, so " Kim@x " and "kim@x" share one budget. */
const loginKey = (address: string, login: string) => `l:${address}:${login.trim().toLowerCase()}`;

const DEFAULTS: LimiterOptions = { windowMs: 5 * 60_000, maxPerLogin: 5, maxPerAddress: 30, maxKeys: 50_000 };

export class LoginLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly options: LimiterOptions;

  constructor(options: Partial<LimiterOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Seconds until the next attempt is allowed, or 0 when it is allowed now. */
  retryAfter(address: string, login: string, now = Date.now()): number {
    const waits = [
      this.wait(`a:${address}`, this.options.maxPerAddress, now),
      this.wait(loginKey(address, login), this.options.maxPerLogin, now),
    ];
    return Math.max(...waits);
  }

  recordFailure(address: string, login: string, now = Date.now()): void {
    this.bump(`a:${address}`, now);
    this.bump(loginKey(address, login), now);
  }

  recordSuccess(address: string, login: string): void {
    this.buckets.delete(loginKey(address, login));
  }

  private wait(key: string, max: number, now: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket || bucket.resetAt <= now || bucket.count < max) return 0;
    return Math.ceil((bucket.resetAt - now) / 1000);
  }

  private bump(key: string, now: number): void {
    const bucket = this.buckets.get(key);
    if (bucket && bucket.resetAt > now) {
      bucket.count++;
      return;
    }
    if (this.buckets.size >= this.options.maxKeys) this.evictExpired(now);
    this.buckets.set(key, { count: 1, resetAt: now + this.options.windowMs });
  }

  private evictExpired(now: number): void {
    for (const [key, bucket] of this.buckets) if (bucket.resetAt <= now) this.buckets.delete(key);
    // Still full after dropping the expired ones: forget the oldest rather than grow without bound.
    while (this.buckets.size >= this.options.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
  }
}
