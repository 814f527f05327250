import { urlOf } from './route-url.ts';

// Does this browser trust the server's HTTPS certificate? A fetch to the https origin of the same
// host and port fails outright when the certificate is not trusted (or TLS is not ready yet); any
// answer at all means the handshake passed. `no-cors`: the answer itself is never read.

const PROBE_TIMEOUT_MS = 5000;

export async function probeHttps(): Promise<boolean> {
  if (location.protocol === 'https:') return true;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), PROBE_TIMEOUT_MS);
  try {
    await fetch(`https://${location.host}${urlOf('httpsProbe')}`, { mode: 'no-cors', cache: 'no-store', signal: abort.signal });
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
