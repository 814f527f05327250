import { errorBody, type ErrorCode } from '../protocol/errors.ts';
import type { Connection } from './connection.ts';

/** Answers a frame with a catalogue error; `tempId` names the refused send so the client can mark it. */
export function sendError(conn: Connection, code: ErrorCode, tempId?: string): void {
  conn.sendFrame({ type: 'error', ...errorBody(code), ...(tempId === undefined ? {} : { tempId }) });
}
