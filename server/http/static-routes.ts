import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/**
 * Where the built web client lives: `dist/web` beside the bundled server (`dist/server`), or under
 * the project root when the server runs from its TypeScript sources.
 */
export function defaultWebRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../web'), path.resolve(here, '../../dist/web'), path.resolve(here, '../dist/web')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? candidates[1]!;
}

// Everything the page needs ships with it; nothing is fetched from anywhere else.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * A build output named by its content: the emoji data (`emoji.<12 hex>.json`) and esbuild's
 * bundles and chunks (`app.<8 base32>.js`, web/bundle.ts), or a precompressed sibling of one
 * (`….br`, `….gz`). The same URL never changes, so a browser may keep it for a year unasked.
 */
const CONTENT_HASHED = /\.(?:[0-9a-f]{12}|[A-Z2-7]{8})\.[a-z]+(?:\.br|\.gz)?$/;

/** What a hashed file may be cached as; everything else (index.html) is revalidated by ETag each time. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

export async function staticRoutes(app: FastifyInstance, webRoot: string): Promise<void> {
  app.addHook('onSend', async (request, reply) => {
    // (Here, not in setHeaders below: @fastify/static writes its own cache-control after that.)
    const file = request.url.split('?')[0];
    // The service worker: the browser checks for a new build on every load (docs/offline.md).
    if (file === '/sw.js') reply.header('cache-control', 'no-cache');
    if (file === '/manifest.webmanifest') reply.header('content-type', 'application/manifest+json');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    // Downloads set a stricter sandboxing policy of their own; keep it.
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', CSP);
  });
  // reply.sendFile for the routes that stream a file of their own (downloads, the manager page):
  // never precompressed — the plugin drops sendFile's per-call options (contentType, dotfiles) when
  // it falls back from a missing .br to the file itself.
  await app.register(fastifyStatic, { root: webRoot, serve: false, cacheControl: true, maxAge: 0, preCompressed: false });
  // The built web client itself, at `/`.
  await app.register(fastifyStatic, {
    root: webRoot,
    decorateReply: false,
    index: ['index.html'],
    wildcard: false,
    // The plugin's own cache-control would overwrite the one set below; it sets none.
    cacheControl: false,
    // `x.br` / `x.gz` written by the build (web/precompress.ts) are sent for `x` when the browser
    // accepts them, with Content-Encoding; the ETag is the sent file's, so each encoding has its own.
    preCompressed: true,
    setHeaders: (res, filePath) => {
      res.setHeader('cache-control', CONTENT_HASHED.test(filePath) ? IMMUTABLE : REVALIDATE);
      // The body depends on Accept-Encoding; a shared cache must not hand brotli to a browser without it.
      res.setHeader('vary', 'accept-encoding');
    },
  });
}
