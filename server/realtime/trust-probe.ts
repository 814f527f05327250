import type { Hub } from './hub.ts';

// The HTTPS trust probe's answers: each open page says (a `trust` frame) whether its browser trusts
// the HTTPS origin; the manager shows the counts.

/** How many open pages said their browser trusts the HTTPS origin, and how many said it does not. */
export function trustCounts(hub: Hub): { connected: number; trusted: number; untrusted: number } {
  let trusted = 0;
  let untrusted = 0;
  for (const conn of hub.connectionsHere()) {
    if (conn.trusted === true) trusted++;
    else if (conn.trusted === false) untrusted++;
  }
  return { connected: hub.connectionCount, trusted, untrusted };
}

/** Forgets every page's answer and asks them all to probe again (the certificate just became ready). */
export function askTrust(hub: Hub): void {
  for (const conn of hub.connectionsHere()) conn.trusted = undefined;
  hub.sendToAllHere({ type: 'trust-check' });
}
