import { probeHttps } from '../lib/https-probe.ts';
import { t } from '../lib/i18n.ts';
import { urlOf } from '../lib/route-url.ts';
import { getState } from './store.ts';
import { showToast } from './toast.ts';

// The operator switched HTTPS on or off. The page's origin changes with the scheme, so the page
// itself moves (a socket across schemes would be refused as cross-origin). It first lets what is in
// flight finish: sends waiting for their ack and uploads under way, which would otherwise be lost.
// Moving to https is only done when this browser trusts the certificate (the trust probe); a page
// that does not goes to the install page instead, which moves on once the probe passes — nobody
// lands on a certificate warning (docs/https.md).

/** Never wait longer than this: the server closes old-scheme sockets 30 s after the switch. */
export const MOVE_WAIT_MAX_MS = 20_000;
const POLL_MS = 200;

/** The same page (path, query, room in the hash) at the new scheme and port. */
export function schemeTarget(href: string, https: boolean, port: number): string {
  const url = new URL(href);
  url.protocol = https ? 'https:' : 'http:';
  url.port = String(port);
  return url.href;
}

/** Sends not yet acknowledged, or uploads still running. */
export function somethingInFlight(): boolean {
  const s = getState();
  const sending = Object.values(s.pending).some((list) => list.some((p) => p.status === 'queued' || p.status === 'sent'));
  const uploading = Object.values(s.uploads).some((list) => list.some((u) => u.status === 'uploading'));
  return sending || uploading;
}

/** The install page on this (plain) origin, to come back to this same page on https. */
export function installTarget(href: string): string {
  const url = new URL(href);
  return `${url.origin}${urlOf('installPage', {}, { next: url.pathname + url.search + url.hash })}`;
}

let moving = false;

export async function moveToScheme(
  https: boolean,
  port: number,
  go: (url: string) => void = (url) => location.replace(url),
  trusts: () => Promise<boolean> = probeHttps,
): Promise<void> {
  let target = schemeTarget(location.href, https, port);
  if (moving || new URL(target).origin === location.origin) return;
  moving = true;
  if (https && !(await trusts())) target = installTarget(location.href);
  showToast(https ? t.movingToHttps : t.movingToHttp);
  const started = Date.now();
  const attempt = () => {
    if (somethingInFlight() && Date.now() - started < MOVE_WAIT_MAX_MS) {
      setTimeout(attempt, POLL_MS);
      return;
    }
    go(target);
  };
  attempt();
}
