// The reconnect delay of the web client's socket (socket.ts), on its own so that code without a
// DOM (the reconnect-storm bench, bench/lib/generator-reconnect.ts) uses the very same function.

export const BACKOFF_MIN_MS = 500;
export const BACKOFF_MAX_MS = 10_000;

/**
 * About the server's work to take one client back (handshake, `ready`, `sync`): a crowd of N clients
 * dropped at once is spread over N × this (bench: `reconnect`, 2,000 clients ≈ 1 ms each).
 */
export const RECONNECT_MS_PER_CLIENT = 1.25;

/**
 * Jittered exponential backoff (between half the cap and the cap), so a restarted server is not hit
 * by every client at once. `crowd`: how many were online when this client last connected (its
 * `ready`), all of whom may be coming back this very moment (a server restart, the office Wi-Fi):
 * while the cap is below the time the server needs for all of them, the delay is spread evenly over
 * that time instead, from 0 (2,000 clients: 0–2.5 s rather than all within 250–500 ms).
 */
export function backoffDelay(attempt: number, random: () => number = Math.random, crowd = 0): number {
  const cap = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** attempt);
  const spread = Math.min(BACKOFF_MAX_MS, crowd * RECONNECT_MS_PER_CLIENT);
  if (spread > cap) return Math.round(random() * spread);
  return Math.round(cap / 2 + (random() * cap) / 2);
}
