// One catalogue of error codes for HTTP and WebSocket alike, in three files by who meets them. Every
// error body carries its texts; the web client also knows the general codes' and (once loaded) the
// secret rooms', so a code reads the same to a person whichever way it arrived.

import { GENERAL_ERRORS } from './errors-general.ts';
import { OPERATOR_ERRORS } from './errors-operator.ts';
import { SECRET_ERRORS } from './errors-secret.ts';

export interface ErrorEntry {
  /** HTTP status used when the error ends an HTTP request. */
  status: number;
  ko: string;
  en: string;
}

export const ERRORS = {
  ...GENERAL_ERRORS,
  ...SECRET_ERRORS,
  ...OPERATOR_ERRORS,
} as const satisfies Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof ERRORS;

/** The body of every error, over HTTP and in a WebSocket `error` frame. */
export interface ErrorBody {
  code: ErrorCode;
  message: { ko: string; en: string };
}

export function errorBody(code: ErrorCode): ErrorBody {
  const entry: ErrorEntry = ERRORS[code];
  return { code, message: { ko: entry.ko, en: entry.en } };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERRORS, value);
}
