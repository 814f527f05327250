import type { SocketState } from '../lib/socket.ts';
import { setState } from './store.ts';

// What the connection banner shows. `reconnecting` only once the link has been up in this
// session, so a cold start shows no alarm.

let everOpen = false;
/** The session started from the offline snapshot because the server gave no answer (state/offline-cache.ts). */
let startedOffline = false;

/** A session starts its link; `offline`: with the server unreachable, on the kept rooms and messages. */
export function linkStarting(offline = false): void {
  everOpen = false;
  startedOffline = offline;
  setState({ linkStatus: offline ? 'offline' : 'connecting' });
}

/** The socket opened; the banner only clears once caught up (linkCaughtUp). */
export function linkOpened(reconnected: boolean): void {
  everOpen = true;
  if (reconnected) setState({ linkStatus: 'syncing' });
}

/** The catch-up after connecting is answered in full (`sync-done`). */
export function linkCaughtUp(): void {
  setState({ linkStatus: 'open' });
}

export function showSocketState(state: SocketState): void {
  if (state === 'open') return; // 'open' is published by linkCaughtUp
  setState({ linkStatus: everOpen ? 'reconnecting' : startedOffline ? 'offline' : 'connecting' });
}
