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

/** A build output named by its content (`emoji.<12 hex>.json`): the same URL never changes. */
const CONTENT_HASHED = /\.[0-9a-f]{12}\.[a-z]+$/;

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
  await app.register(fastifyStatic, {
    root: webRoot,
    index: ['index.html'],
    wildcard: false,
    cacheControl: true,
    maxAge: 0,
    preCompressed: false,
    setHeaders: (res, filePath) => {
      if (CONTENT_HASHED.test(filePath)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    },
  });
}
