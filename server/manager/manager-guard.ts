import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { MANAGER_KEY_HEADER } from '../protocol/manager.ts';
import { isLoopback } from '../http/remote.ts';
import { AppError } from '../http/app-error.ts';
import { securityEvent } from '../log/security-log.ts';

/**
 * The manager's controls are for the server PC only: the request must come from loopback AND carry
 * the per-launch key, so neither someone on the LAN nor a web page in a local browser (which cannot
 * read the key) can reach them.
 */
export function managerAllowed(remoteAddress: string | undefined, presentedKey: string | undefined, key: string): boolean {
  if (!isLoopback(remoteAddress) || !presentedKey) return false;
  const a = Buffer.from(presentedKey);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function requireManager(request: FastifyRequest, key: string, logger: Logger): void {
  const address = request.socket.remoteAddress;
  if (!isLoopback(address)) {
    securityEvent(logger, 'manager_refused', { address, reason: 'not this PC' });
    throw new AppError('FORBIDDEN');
  }
  const presented = request.headers[MANAGER_KEY_HEADER];
  if (!managerAllowed(address, typeof presented === 'string' ? presented : undefined, key)) {
    securityEvent(logger, 'manager_refused', { address, reason: presented ? 'wrong key' : 'no key' });
    throw new AppError('UNAUTHENTICATED');
  }
}
