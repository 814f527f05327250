import { ERRORS, errorBody, isErrorCode } from '../protocol/errors.ts';

// The error catalogue as a check: every refusal, over HTTP or in an `error` frame, must be exactly
// one of its entries. Returns what is wrong, or undefined when the body is a catalogue error.

export function catalogueProblem(body: unknown, httpStatus?: number): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return `error body is not an object: ${preview(body)}`;
  const { code, message } = body as { code?: unknown; message?: unknown };
  if (!isErrorCode(code)) return `unknown error code ${preview(code)} in ${preview(body)}`;
  const expected = errorBody(code).message;
  const m = message as { ko?: unknown; en?: unknown } | undefined;
  if (typeof m !== 'object' || m === null || m.ko !== expected.ko || m.en !== expected.en) {
    return `message of ${code} is not the catalogue's: ${preview(message)}`;
  }
  if (httpStatus !== undefined && ERRORS[code].status !== httpStatus) {
    return `${code} answered with HTTP ${httpStatus}, the catalogue says ${ERRORS[code].status}`;
  }
  return undefined;
}

export function preview(value: unknown, max = 300): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}
