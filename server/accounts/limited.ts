import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AppError } from '../http/app-error.ts';
import { addressOf } from '../http/remote.ts';
import { securityEvent, type SecurityEventKind } from '../log/security-log.ts';

/** The client's address, the key of the per-address limits (the one the audit log records). */
export { addressOf };

/** Takes an attempt from a limit; a refusal is a security event (logged at a bounded rate). */
export function limitedAttempt<T>(logger: Logger, kind: SecurityEventKind, request: FastifyRequest, take: () => T): T {
  try {
    return take();
  } catch (err) {
    if (err instanceof AppError && err.code === 'RATE_LIMITED') securityEvent(logger, kind, { address: addressOf(request) });
    throw err;
  }
}
