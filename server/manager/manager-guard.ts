import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { MANAGER_KEY_HEADER } from '../protocol/manager.ts';
import { addressOf, isLocalRequest } from '../http/remote.ts';
import { AppError } from '../http/app-error.ts';
import { securityEvent } from '../log/security-log.ts';

function keyMatches(presentedKey: string | undefined, key: string): boolean {
  if (!presentedKey) return false;
  const a = Buffer.from(presentedKey);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The manager's controls are for the server PC only: the request must be local (loopback, to a
 * loopback name) AND carry the per-launch key, so neither someone on the LAN nor a web page in a
 * local browser (which cannot read the key, nor pass as local under a rebinding name) can reach them.
 */
export function requireManager(request: FastifyRequest, key: string, logger: Logger): void {
  const address = addressOf(request);
  if (!isLocalRequest(request)) {
    securityEvent(logger, 'manager_refused', { address, reason: 'not this PC' });
    throw new AppError('FORBIDDEN');
  }
  const presented = request.headers[MANAGER_KEY_HEADER];
  if (!keyMatches(typeof presented === 'string' ? presented : undefined, key)) {
    securityEvent(logger, 'manager_refused', { address, reason: presented ? 'wrong key' : 'no key' });
    throw new AppError('UNAUTHENTICATED');
  }
}
