/// <reference lib="webworker" />
// The service worker: precaches the app shell of this build (index.html, JS, CSS, manifest,
// icons) and serves it when the server cannot be reached, so a reload with the server down shows
// the app and its "server unreachable" screen instead of the browser's error page. Built by
// web/sw-build.ts, which fills in the file list and the build's version.
import { cacheName, isOldShellCache, routeOf } from './routing.ts';

declare const self: ServiceWorkerGlobalScope;
declare const __PRECACHE__: readonly string[];
declare const __SW_VERSION__: string;

const CACHE = cacheName(__SW_VERSION__);
const PRECACHED = new Set(__PRECACHE__);
/** How long a page load waits for the server before the cached shell is shown. */
const NAVIGATION_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload`: the files of this build, not whatever the HTTP cache still holds.
      await cache.addAll(__PRECACHE__.map((path) => new Request(path, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (isOldShellCache(name, __SW_VERSION__)) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

async function fromCache(path: string): Promise<Response> {
  const hit = await caches.match(path, { cacheName: CACHE });
  return hit ?? Response.error();
}

async function networkFirst(request: Request, cachedPath: string, timeoutMs?: number): Promise<Response> {
  const network = fetch(request);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = timeoutMs === undefined ? null : new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
  try {
    const first = await (late ? Promise.race([network, late]) : network);
    if (first !== 'late') return first;
  } catch {
    // The server is down or unreachable: the cached copy below.
  } finally {
    clearTimeout(timer);
  }
  return fromCache(cachedPath);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const route = routeOf({ url: request.url, method: request.method, mode: request.mode }, self.location.origin, PRECACHED);
  switch (route.kind) {
    case 'pass':
      return;
    case 'shell':
      event.respondWith(networkFirst(request, '/index.html', NAVIGATION_TIMEOUT_MS));
      return;
    case 'network-first':
      event.respondWith(networkFirst(request, route.path));
      return;
    case 'cache-first':
      event.respondWith(caches.match(route.path, { cacheName: CACHE }).then((hit) => hit ?? fetch(request)));
      return;
  }
});
