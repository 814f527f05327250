import { setState } from './store.ts';

// The server did not answer at start (it is down, or this PC is off the office network). The
// page itself may have come from the service worker's cache; it shows the "server unreachable"
// screen and tries again every few seconds, and at once when the browser says it is back online.

export const UNREACHABLE_RETRY_MS = 5000;

let retry: (() => Promise<void>) | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

/** Shows the screen; `again` is the start-up to run once more (session.boot). */
export function serverUnreachable(again: () => Promise<void>): void {
  retry = again;
  setState({ screen: 'unreachable' });
  clearTimeout(timer);
  timer = setTimeout(retryNow, UNREACHABLE_RETRY_MS);
}

/** The screen's "try again" button, the timer, and the browser's `online` event. */
export function retryNow(): void {
  clearTimeout(timer);
  const again = retry;
  retry = null;
  void again?.();
}

window.addEventListener('online', () => retryNow());
