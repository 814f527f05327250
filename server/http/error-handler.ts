import type { FastifyError, FastifyInstance } from 'fastify';
import { errorBody, type ErrorCode } from '../protocol/errors.ts';
import { ERRORS } from '../protocol/errors.ts';
import { AppError } from './app-error.ts';
import { isDiskFull } from '../util/disk-full.ts';
import { isDatabaseUnavailable } from '../util/database-unavailable.ts';

// Every failed request answers with the same shape: { code, message: { ko, en } }.

/** Statuses an HTTP library chooses on purpose that have a catalogue code of their own. */
const CODE_FOR_STATUS: Partial<Record<number, ErrorCode>> = {
  404: 'NOT_FOUND',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  416: 'RANGE_NOT_SATISFIABLE',
  429: 'RATE_LIMITED',
};

function codeFor(err: FastifyError): ErrorCode {
  if (err.validation) return 'BAD_REQUEST';
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'PAYLOAD_TOO_LARGE';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'BAD_REQUEST';
  }
  if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return 'BAD_JSON';
  const byStatus = err.statusCode === undefined ? undefined : CODE_FOR_STATUS[err.statusCode];
  if (byStatus) return byStatus;
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return 'BAD_REQUEST';
  return 'INTERNAL';
}

/**
 * A client error keeps the status its library chose (416 from the file sender, 405, 412…) and the
 * headers that go with it (416's Content-Range, 405's Allow): a download manager acts on those, not
 * on our body. Our own decisions above (schema, body parsing) answer with the catalogue's status.
 */
function keptStatus(err: FastifyError): number | undefined {
  if (err.validation || err.code?.startsWith('FST_ERR_CTP_')) return undefined;
  const status = err.statusCode;
  return status !== undefined && status >= 400 && status < 500 ? status : undefined;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      reply.headers(err.headers).code(err.status).send(err.body());
      return;
    }
    // Any write route on a full disk (SQLITE_FULL, ENOSPC…): 507, logged as the condition it is.
    if (isDiskFull(err)) {
      request.log.warn({ code: err.code, url: request.routeOptions.url }, 'request failed: the disk is full');
      reply.code(ERRORS.DISK_FULL.status).send(errorBody('DISK_FULL'));
      return;
    }
    // PostgreSQL away (cluster mode): 503, logged as the condition it is, recovers by itself.
    if (isDatabaseUnavailable(err)) {
      request.log.warn({ code: err.code, message: err.message, url: request.routeOptions.url }, 'request failed: the database is unavailable');
      reply.code(ERRORS.DATABASE_UNAVAILABLE.status).send(errorBody('DATABASE_UNAVAILABLE'));
      return;
    }
    const code = codeFor(err);
    // Only the server's own failures get an error line with a stack; a client's mistake (4xx) none.
    if (code === 'INTERNAL') request.log.error({ err }, 'request failed');
    const status = keptStatus(err);
    const headers = (err as { headers?: Record<string, string> }).headers;
    if (status !== undefined && headers) reply.headers(headers);
    reply.code(status ?? ERRORS[code].status).send(errorBody(code));
  });
  app.setNotFoundHandler((_request, reply) => {
    reply.code(404).send(errorBody('NOT_FOUND'));
  });
}
