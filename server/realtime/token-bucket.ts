/**
 * A per-connection budget of frames: `burst` at once, refilled at `perSecond`. Time is the monotonic
 * clock, and a clock that goes back refills nothing (it never takes tokens away).
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  /** Frames refused since the last one allowed; the caller closes a peer that keeps pushing. */
  refusedInARow = 0;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    now = performance.now(),
  ) {
    this.tokens = burst;
    this.last = now;
  }

  take(now = performance.now()): boolean {
    const elapsed = Math.max(0, now - this.last);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.refusedInARow = 0;
      return true;
    }
    this.refusedInARow++;
    return false;
  }
}
