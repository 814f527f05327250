// "The database server is away" as node-postgres reports it: the socket could not be opened
// (ECONNREFUSED, or an AggregateError of them when a host name has several addresses), was cut
// (ECONNRESET, EPIPE, "Connection terminated unexpectedly"), a connection did not come in time
// (the pool's "timeout exceeded when trying to connect"), or PostgreSQL itself said it is shutting
// down or starting up (SQLSTATE 57P01–57P03) or the connection failed (class 08). Not a bug in
// Sotong: the admin's to fix, and it goes away by itself once the server is back (the pool
// replaces broken connections).

const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const SQLSTATES = new Set(['57P01', '57P02', '57P03']);
const SENTENCE = /^Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (shutting down|starting up|in recovery mode)/i;

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false;
  const { code, message, errors, cause } = err as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (typeof message === 'string' && SENTENCE.test(message)) return true;
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}
