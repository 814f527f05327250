import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isAllowedOrigin } from '../realtime/origin.ts';
import { AppError } from './app-error.ts';
import { addressOf } from './remote.ts';
import type { Logger } from 'pino';
import { securityEvent } from '../log/security-log.ts';

// Cross-site request forgery: a page on another site can make the browser send a form or a "simple"
// fetch (text/plain, form-urlencoded, multipart/form-data, or no body) to this server with our
// session cookie attached. Such a request reaches the server without asking first. A request with
// `content-type: application/json` from another site is not simple: the browser asks first
// (preflight), this server never says yes, and the request is never sent. So every state-changing
// request must either carry JSON or an Origin that is this very server. An Origin naming another
// site is refused whatever the body: it is the browser saying where the request comes from.
// Browsers send Origin on every POST, PUT, PATCH and DELETE, same-origin ones included, so the web
// client's uploads (multipart) and DELETEs (no body) pass.

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  return contentType.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/** Whether a browser on another site could have sent this request without our consent. */
export function isCrossSite(request: Pick<FastifyRequest, 'method' | 'headers' | 'protocol'>): boolean {
  if (!STATE_CHANGING.has(request.method)) return false;
  const { origin, host } = request.headers;
  if (origin !== undefined) return !isAllowedOrigin(origin, host, request.protocol === 'https' ? 'https' : 'http');
  return !isJson(request.headers['content-type']);
}

/** One hook at the root, before any scope's: a forged request is refused before its session is read. */
export function installCrossSiteGuard(app: FastifyInstance, logger: Logger): void {
  app.addHook('onRequest', async (request) => {
    if (isCrossSite(request)) {
      securityEvent(logger, 'cross_site_refused', { address: addressOf(request), method: request.method });
      throw new AppError('CROSS_SITE_REQUEST');
    }
  });
}
