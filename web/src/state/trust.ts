import { probeHttps } from '../lib/https-probe.ts';
import { send } from './socket-link.ts';

// Each open page tells the server whether its browser trusts the HTTPS origin (a `trust` frame), so
// the manager can see before the switch how many would be stranded. Asked again by `trust-check`.

export async function reportTrust(probe: () => Promise<boolean> = probeHttps): Promise<void> {
  let trusted: boolean;
  try {
    trusted = await probe();
  } catch {
    return; // no page to probe from (tests in Node): nothing to report
  }
  send({ type: 'trust', trusted });
}
