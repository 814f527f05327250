// Cross-site WebSocket hijacking: a page on another site can open a WebSocket to us and the browser
// attaches our cookie. Browsers always send Origin on a WebSocket handshake, so a browser connection
// is accepted only when Origin is this very server. Clients without Origin are not browsers (bots,
// the load harness): they carry their own cookie, so nobody is being impersonated.

export function isAllowedOrigin(origin: string | undefined, host: string | undefined, scheme: 'http' | 'https'): boolean {
  if (origin === undefined) return true;
  if (!host) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return parsed.protocol === `${scheme}:` && parsed.host.toLowerCase() === host.toLowerCase();
}
