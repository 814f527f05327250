// The reconnect delay of the web client's socket (socket.ts), on its own so that code without a
// DOM (the reconnect-storm bench, bench/lib/generator-reconnect.ts) uses the very same function.

export const BACKOFF_MIN_MS = 500;
export const BACKOFF_MAX_MS = 10_000;

/** Full-jitter exponential backoff, so a restarted server is not hit by every client at once. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const cap = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** attempt);
  return Math.round(cap / 2 + (random() * cap) / 2);
}
