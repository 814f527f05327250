// What the service worker does with a request, as a pure rule (unit-tested in web/test/sw.test.ts).
// Only the app shell is ever served from the cache: the API, the socket, files, the manager page
// and the CA download always go to the network, untouched.

export type SwRoute =
  /** Not ours: the browser fetches it as if there were no service worker. */
  | { kind: 'pass' }
  /** A page load: the network, or the cached index.html when the server does not answer. */
  | { kind: 'shell' }
  /** A precached file: the network first (so a new build shows at once), else the cached copy. */
  | { kind: 'network-first'; path: string }
  /** A precached file named by its content: the cached copy is always right. */
  | { kind: 'cache-first'; path: string };

/** First path segments that are never the app shell. */
const NEVER_CACHED = new Set(['/api', '/ws', '/ca', '/manager']);

/**
 * A build output named by its content (`emoji.<hex>.json`, esbuild's `chunk-<HASH>.js`: 8 or more
 * letters and digits, at least one a digit): the same URL never changes.
 */
const CONTENT_HASHED = /[.-](?=[0-9a-z]*\d)[0-9a-z]{8,}\.[a-z0-9]+$/i;

export interface SwRequest {
  url: string;
  method: string;
  /** Request.mode: 'navigate' for a page load. */
  mode: string;
}

export function routeOf(req: SwRequest, origin: string, precached: ReadonlySet<string>): SwRoute {
  if (req.method !== 'GET') return { kind: 'pass' };
  const url = new URL(req.url);
  if (url.origin !== origin) return { kind: 'pass' };
  const path = url.pathname;
  if (NEVER_CACHED.has(`/${path.split('/')[1] ?? ''}`)) return { kind: 'pass' };
  if (req.mode === 'navigate') return path === '/' || path === '/index.html' ? { kind: 'shell' } : { kind: 'pass' };
  if (!precached.has(path) || url.search) return { kind: 'pass' };
  return CONTENT_HASHED.test(path) ? { kind: 'cache-first', path } : { kind: 'network-first', path };
}

/** The cache of one build; every other `sotong-shell-*` cache is removed when it activates. */
export function cacheName(version: string): string {
  return `sotong-shell-${version}`;
}

export function isOldShellCache(name: string, version: string): boolean {
  return name.startsWith('sotong-shell-') && name !== cacheName(version);
}
