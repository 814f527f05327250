// The per-launch key arrives once in the address (#key=…). It is kept for this tab only and taken
// out of the address bar, so it does not linger in history, bookmarks or screenshots.

const STORAGE_KEY = 'sotong-manager-key';

export function keyFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const key = params.get('key');
  return key && key.trim() ? key.trim() : null;
}

export function takeKey(): string | null {
  const fromHash = keyFromHash(location.hash);
  if (fromHash) {
    sessionStorage.setItem(STORAGE_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return sessionStorage.getItem(STORAGE_KEY);
}

export function forgetKey(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
