import type { TLSSocket } from 'node:tls';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isLocalRequest } from '../http/remote.ts';
import { AppError } from '../http/app-error.ts';
import { routeParts, type RouteName } from '../protocol/paths.ts';
import type { HttpsController } from './https-controller.ts';

// What plain HTTP still serves while HTTPS is on (docs/https.md): only what a browser that does not
// yet trust the office CA needs to get there — the CA and its guide, the install page with its
// script, and the trust probe. No session, no message, no API: pages go to the install page, which
// moves them to https once the probe passes, and the API refuses with HTTPS_REQUIRED.

const urlOf = (name: RouteName) => routeParts(name).url;

/** Paths served over plain HTTP while HTTPS is on. */
export const PLAIN_PATHS: ReadonlySet<string> = new Set([urlOf('caPage'), urlOf('caCert'), urlOf('installPage'), urlOf('installScript'), urlOf('httpsProbe')]);

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

const isManagerPath = (path: string) => path === '/manager' || path.startsWith('/manager/') || path.startsWith('/api/manager/');
const isApiPath = (path: string) => path.startsWith('/api/') || path === urlOf('socket');

type SchemeRequest = Pick<FastifyRequest, 'protocol' | 'url' | 'headers' | 'socket' | 'method'>;

/** What to do with a request on the wrong scheme: serve it, send it elsewhere, or refuse it. */
export type SchemeDecision = { kind: 'serve' } | { kind: 'redirect'; location: string; status: 302 | 308 } | { kind: 'refuse' };

export function schemeDecision(request: SchemeRequest, httpsOn: boolean): SchemeDecision {
  const host = request.headers.host;
  const path = pathOf(request.url);
  if (!host) return { kind: 'serve' };
  if (httpsOn && request.protocol === 'http') {
    if (PLAIN_PATHS.has(path)) return { kind: 'serve' };
    // The manager console is loopback-only and is opened by the desktop shell over plain HTTP.
    if (isManagerPath(path) && isLocalRequest(request)) return { kind: 'serve' };
    if (isApiPath(path) || (request.method !== 'GET' && request.method !== 'HEAD')) return { kind: 'refuse' };
    // A page: the install page decides (trust probe) whether this browser can go to https yet.
    return { kind: 'redirect', location: `${urlOf('installPage')}?next=${encodeURIComponent(request.url)}`, status: 302 };
  }
  // HTTPS off: https requests go back to http (308 keeps the method and body), except the probe.
  if (!httpsOn && request.protocol === 'https' && path !== urlOf('httpsProbe')) return { kind: 'redirect', location: `http://${host}${request.url}`, status: 308 };
  return { kind: 'serve' };
}

/**
 * The scheme of this node's own listener for the request, not what a trusted proxy says the client
 * spoke (Fastify's `protocol`): nginx terminating TLS in front of a node with HTTPS off is not a
 * request on the wrong scheme.
 */
function ownScheme(request: FastifyRequest): 'http' | 'https' {
  return (request.raw.socket as Partial<TLSSocket>).encrypted === true ? 'https' : 'http';
}

export function installSchemeRedirect(app: FastifyInstance, https: HttpsController): void {
  app.addHook('onRequest', async (request, reply) => {
    const own = { protocol: ownScheme(request), url: request.url, headers: request.headers, socket: request.socket, method: request.method };
    const decision = schemeDecision(own, https.enabled);
    if (decision.kind === 'refuse') throw new AppError('HTTPS_REQUIRED');
    if (decision.kind === 'redirect') return reply.redirect(decision.location, decision.status);
  });
}
