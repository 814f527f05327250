// Registers the service worker (web/sw/sw.ts) so the app installs and opens while the server is
// down. Browsers allow service workers only in a secure context (HTTPS or localhost); on plain
// HTTP nothing is registered and the app works as it always has.

export function registerServiceWorker(): void {
  if (!window.isSecureContext || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
    // No offline shell this time (e.g. an untrusted certificate); the app itself is unaffected.
  });
}
