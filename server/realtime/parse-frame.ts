import { TypeCompiler } from '@sinclair/typebox/compiler';
import { CLIENT_FRAME_TYPES, ClientFrame } from '../protocol/frames.ts';
import type { ErrorCode } from '../protocol/errors.ts';
import { MESSAGE_MAX } from '../protocol/http.ts';
import { MENTIONS_MAX, SECRET_CIPHER_MAX } from '../protocol/limits.ts';

const checker = TypeCompiler.Compile(ClientFrame);

export type ParseResult = { ok: true; frame: ClientFrame } | { ok: false; code: ErrorCode; tempId?: string };

/** Parses and validates one text frame against the protocol's schema. */
export function parseFrame(raw: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'BAD_JSON' };
  }
  if (checker.Check(value)) return { ok: true, frame: value };
  const obj = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const tempId = typeof obj.tempId === 'string' && obj.tempId.length <= 64 ? obj.tempId : undefined;
  const known = CLIENT_FRAME_TYPES.includes(obj.type as ClientFrame['type']);
  const tooLong = (obj.type === 'send' || obj.type === 'edit') && typeof obj.body === 'string' && obj.body.length > MESSAGE_MAX;
  const cipherTooLong = (obj.type === 'send' || obj.type === 'edit') && typeof obj.cipher === 'string' && obj.cipher.length > SECRET_CIPHER_MAX;
  const tooManyMentions = (obj.type === 'send' || obj.type === 'edit') && Array.isArray(obj.mentions) && obj.mentions.length > MENTIONS_MAX;
  const code: ErrorCode = !known ? 'UNKNOWN_FRAME' : tooLong ? 'MESSAGE_TOO_LONG' : cipherTooLong ? 'SECRET_CIPHER_TOO_LONG' : tooManyMentions ? 'MENTIONS_TOO_MANY' : 'BAD_REQUEST';
  return { ok: false, code, ...(tempId ? { tempId } : {}) };
}
