import type { FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import type { TSchema } from '@sinclair/typebox';
import { AppError } from './app-error.ts';

// Path and query values are text; the validator turns them into the schemas' integers, and it
// accepts whatever Number() does: `1e1` is 10, `0x10` is 16, ` 1`, `010`, `1.0` and `+1` pass too,
// and 9007199254740993 silently becomes …992. So `DELETE /api/messages/1e1` would delete message 10.
// Before the validator runs, every integer field of a route's params and querystring must be written
// the one way a client writes a number: decimal digits, no sign but a leading minus, no leading zero,
// at most 16 digits, and a safe integer. The schema's minimum and maximum then apply as usual.
// (The URL's percent-encoding is undone first: `%31` is `1`, as a browser would mean it.)

const CANONICAL = /^(?:0|-?[1-9][0-9]{0,15})$/;

export function isCanonicalInteger(raw: unknown): boolean {
  return typeof raw === 'string' && CANONICAL.test(raw) && Number.isSafeInteger(Number(raw));
}

/** The names of the integer fields of an object schema. */
function integerFields(schema: TSchema | undefined): string[] {
  const properties = (schema?.properties ?? {}) as Record<string, TSchema>;
  return Object.entries(properties)
    .filter(([, field]) => field.type === 'integer')
    .map(([name]) => name);
}

/** The check for one route, or undefined when its URL carries no integers. */
export function urlIntegerCheck(params: TSchema | undefined, querystring: TSchema | undefined): preValidationAsyncHookHandler | undefined {
  const parts: Array<['params' | 'query', string[]]> = [
    ['params', integerFields(params)],
    ['query', integerFields(querystring)],
  ];
  const checked = parts.filter(([, fields]) => fields.length > 0);
  if (checked.length === 0) return undefined;
  return async (request: FastifyRequest) => {
    for (const [part, fields] of checked) {
      const values = (request[part] ?? {}) as Record<string, unknown>;
      for (const field of fields) {
        if (values[field] !== undefined && !isCanonicalInteger(values[field])) throw new AppError('BAD_REQUEST');
      }
    }
  };
}
