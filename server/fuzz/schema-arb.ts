import fc from 'fast-check';
import type { TSchema } from '@sinclair/typebox';
import { hostileJson, hostileString } from './hostile.ts';

// Arbitraries from the protocol's own TypeBox schemas, so a new field or route is fuzzed without
// anyone writing a generator for it: values that fit the schema (to get past validation and reach
// the handler), and the same shapes with hostile values, missing fields and extra ones.

type Schema = TSchema & Record<string, any>;

/** Integers the world cares about (ids that exist), mixed into every integer field. */
export interface Interesting {
  ids: readonly number[];
}

/** A value that satisfies `schema` (as far as this subset of JSON Schema goes). */
export function validFor(schema: Schema, world: Interesting): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.anyOf)) return fc.oneof(...schema.anyOf.map((s: Schema) => validFor(s, world)));
  switch (schema.type) {
    case 'string':
      return validString(schema);
    case 'integer': {
      const min = schema.minimum ?? -1000;
      const max = schema.maximum ?? 1_000_000;
      const near = world.ids.filter((id) => id >= min && id <= max);
      const range = fc.integer({ min, max: Math.min(max, Number.MAX_SAFE_INTEGER) });
      return near.length ? fc.oneof(fc.constantFrom(...near), range, fc.constantFrom(min, max)) : fc.oneof(range, fc.constantFrom(min, max));
    }
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = validFor(schema.items as Schema, world);
      const constraints = { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 10, 10) };
      return schema.uniqueItems ? fc.uniqueArray(item, { ...constraints, selector: (v) => JSON.stringify(v) }) : fc.array(item, constraints);
    }
    case 'object':
      return validObject(schema, world);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function validString(schema: Schema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 200, 200);
  if (schema.pattern === '^[^\\s@]+@[^\\s@]+$') {
    const part = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/[\s@]/.test(s));
    return fc.tuple(part, part).map(([a, b]) => `${a}@${b}`).filter((s) => s.length >= min && s.length <= max);
  }
  // A whole-string pattern (a clock time, a file name) is generated from the pattern itself:
  // filtering random strings through it would almost never pass, and fast-check would spin.
  if (schema.pattern?.startsWith('^') && schema.pattern.endsWith('$')) {
    // One character class repeated (base64url keys of exactly 87 characters): the lengths go into
    // the pattern, so a length filter never has to wait for a lucky draw.
    const repeated = /^\^(\[[^\]]+\])[*+]\$$/.exec(schema.pattern);
    const pattern = repeated ? `^${repeated[1]}{${min},${Math.max(min, Math.min(schema.maxLength ?? min + 200, min + 200))}}$` : schema.pattern;
    return fc.stringMatching(new RegExp(pattern)).filter((s) => s.length >= min && s.length <= (schema.maxLength ?? Infinity));
  }
  const base = fc.oneof(fc.string({ minLength: min, maxLength: max }), fc.string({ unit: 'binary', minLength: min, maxLength: max }), hostileString);
  const re = schema.pattern ? new RegExp(schema.pattern, 'u') : undefined;
  return base.map((s) => (s.length < min ? s.padEnd(min, 'x') : s.slice(0, schema.maxLength ?? s.length))).filter((s) => !re || re.test(s));
}

function validObject(schema: Schema, world: Interesting): fc.Arbitrary<unknown> {
  if (schema.patternProperties) {
    const [pattern, valueSchema] = Object.entries(schema.patternProperties as Record<string, Schema>)[0]!;
    const key = pattern === '^[0-9]+$' ? fc.oneof(fc.constantFrom(...world.ids.map(String)), fc.nat().map(String)) : fc.string();
    return fc.dictionary(key, validFor(valueSchema, world), { maxKeys: 8 });
  }
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required: string[] = schema.required ?? [];
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, s] of Object.entries(properties)) record[name] = validFor(s, world);
  return fc.record(record, { requiredKeys: required });
}

/**
 * A value shaped like `schema` but hostile: each field valid, hostile, or missing; sometimes extra
 * fields (prototype keys among them); sometimes not the schema's shape at all.
 */
export function hostileFor(schema: Schema | undefined, world: Interesting): fc.Arbitrary<unknown> {
  if (!schema) return hostileJson;
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  if (schema.type !== 'object' || !Object.keys(properties).length) return fc.oneof(validFor(schema, world), hostileJson);
  const field = (s: Schema) =>
    fc.oneof({ weight: 3, arbitrary: validFor(s, world) }, { weight: 2, arbitrary: hostileJson }, { weight: 1, arbitrary: validFor(s, world).map((v) => stringly(v)) });
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, s] of Object.entries(properties)) record[name] = field(s);
  const shaped = fc
    .tuple(fc.record(record, { requiredKeys: [] }), fc.dictionary(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'role', 'status', 'id', 'senderId', 'admin'), fc.string({ maxLength: 10 })), hostileJson, { maxKeys: 3 }))
    .map(([fields, extra]) => withOwnKeys({ ...fields }, extra));
  return fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 2, arbitrary: validFor(schema, world) }, { weight: 1, arbitrary: hostileJson });
}

/** Numbers (also inside arrays) as strings: '3' for 3 — the coercion trap. */
function stringly(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(stringly);
  return value;
}

/** Adds keys as own properties, `__proto__` included (a spread or assignment would set the prototype). */
function withOwnKeys(target: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(extra)) Object.defineProperty(target, k, { value: v, enumerable: true, writable: true, configurable: true });
  return target;
}
