import { errorBody, type ErrorCode } from '../protocol/errors.ts';
import type { Connection } from './connection.ts';

export function sendError(conn: Connection, code: ErrorCode, tempId?: string): void {
  conn.send(JSON.stringify({ type: 'error', ...errorBody(code), ...(tempId === undefined ? {} : { tempId }) }));
}
