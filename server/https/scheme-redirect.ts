import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isLocalRequest } from '../http/remote.ts';
import type { HttpsController } from './https-controller.ts';

/** Paths that stay on plain HTTP while HTTPS is on: a person must fetch the CA before trusting it. */
const PLAIN_PATHS = new Set(['/ca', '/ca.crt']);

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** Where this request should go instead, or undefined to serve it here. */
export function schemeRedirect(request: Pick<FastifyRequest, 'protocol' | 'url' | 'headers' | 'socket'>, httpsOn: boolean): string | undefined {
  const host = request.headers.host;
  if (!host) return undefined;
  const path = pathOf(request.url);
  if (httpsOn && request.protocol === 'http') {
    if (PLAIN_PATHS.has(path)) return undefined;
    // The manager console is loopback-only and is opened by the desktop shell over plain HTTP.
    if ((path === '/manager' || path.startsWith('/manager/') || path.startsWith('/api/manager/')) && isLocalRequest(request)) return undefined;
    return `https://${host}${request.url}`;
  }
  if (!httpsOn && request.protocol === 'https') return `http://${host}${request.url}`;
  return undefined;
}

export function installSchemeRedirect(app: FastifyInstance, https: HttpsController): void {
  app.addHook('onRequest', async (request, reply) => {
    const target = schemeRedirect(request, https.enabled);
    // 308 keeps the method and body, so an old bookmark or a POST both land where they should.
    if (target) return reply.redirect(target, 308);
  });
}
