import fc from 'fast-check';

// Hostile values, shared by the route and frame fuzzers: spellings of numbers that parse into
// something else, unicode that breaks naive code, prototype keys, sizes around every limit.

/** Spellings a lax parser reads as a number (or a different number) — the canonical-id trap. */
export const ID_SPELLINGS = [
  '1e1', '010', '-0', '0', '-1', '+1', ' 1', '1 ', '1.0', '1.', '1.5', '0x1', '0x0A', '0b1', '0o7', '1e0', '10e-1',
  '9007199254740991', '9007199254740992', '9007199254740993', '18446744073709551617', '1e21', '1e309', '-1e309',
  'Infinity', '-Infinity', 'NaN', '1_000', '１', '١', '1\u0000', '\t1', '1\n', '00000000000000000001',
] as const;

export const WORDS = [
  '', ' ', '\u0000', 'null', 'undefined', 'true', 'false', '[]', '{}', '__proto__', 'constructor', 'prototype',
  'toString', 'hasOwnProperty', '..', '.', '../..', '%00', '%2e%2e', '%', '%zz', '<script>alert(1)</script>',
  "' OR 1=1 --", '"; DROP TABLE messages; --', '${7*7}', '{{7*7}}', '\\', '/', '?', '#', '&', '=', ';', '\r\n', 'a\r\nSet-Cookie: x=1',
] as const;

/** Unicode edge cases: lone surrogates, RTL override, NUL, ZWJ sequences, combining marks, BOM. */
export const UNICODE = [
  '\uD800', '\uDFFF', 'a\uD83D', '\uDE00b', '\u202Egnp.exe', '\u200F\u202B', '\u0000\u0000', '👨‍👩‍👧‍👦', '🏳️‍🌈', '👩🏽‍💻',
  'e\u0301\u0301\u0301', 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇', '\uFEFF', '\uFFFE\uFFFF', '\u2028\u2029', '\u00A0\u3000', '한국어',
  '\u{10FFFF}', '\u{E0001}', 'İ', 'ß', 'ﬁ',
] as const;

/** Lengths just around the limits the protocol names (50, 100, 254, 1024, 4096, 10,000, 64 KiB). */
export const LIMIT_LENGTHS = [49, 50, 51, 64, 65, 99, 100, 101, 254, 255, 1023, 1024, 1025, 4096, 4097, 9999, 10_000, 10_001, 65_536] as const;

const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 24 }).map((units) => String.fromCharCode(...units));

/** Any string, weighted towards the ones that break things. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<string>(...ID_SPELLINGS, ...WORDS, ...UNICODE) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: codeUnits },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...LIMIT_LENGTHS), fc.constantFrom('a', ' ', '가', '😀', '\u0000', 'é')).map(([n, c]) => c.repeat(Math.ceil(n / c.length))) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom<string>(...UNICODE), fc.string({ maxLength: 8 })).map(([u, s]) => s + u + s) },
);

/** Numbers at and past every edge a JSON number can reach. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 2 ** 31, 2 ** 31 - 1, -(2 ** 31), 2 ** 53, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e21, 1e308, -1e308, 5e-324, 0.5, 1.5, 10.000001),
  fc.integer({ min: -1000, max: 100_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON value, including deep and prototype-shaped ones. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 1, arbitrary: hostileString.map((s) => JSON.parse(`{"__proto__":{"role":"admin","isAdmin":true,"x":${JSON.stringify(s)}}}`) as unknown) },
  { weight: 1, arbitrary: fc.constantFrom(JSON.parse('{"constructor":{"prototype":{"polluted":1}}}') as unknown, JSON.parse('{"__proto__":null}') as unknown) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3000 }).map((depth) => nested(depth)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(fc.oneof(hostileNumber, hostileString), { maxLength: 8 }) },
);

/** An array nested `depth` deep, with a value at the bottom. */
export function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Text that is not JSON, or is JSON only in a way a strict reader refuses. */
export const notJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('{', '{"a":', '[1,2', '{"a":1,}', "{'a':1}", 'NaN', 'undefined', '{"a":1}{"b":2}', '\uFEFF{}', '{"a":"\\u12"}', '{"a":01}', '{"__proto__":', '}', 'null x', '\u0000'),
  fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !isJson(s)),
  fc.integer({ min: 1, max: 40_000 }).map((n) => '['.repeat(n)),
);

export function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Content types a body may arrive with. Only application/json (any case, with parameters) is JSON. */
export const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
  'application/jsonx',
  'application/json-patch+json',
  'text/json',
  '',
  '*/*',
  'application/json, text/plain',
] as const;

export function isJsonContentType(type: string | undefined): boolean {
  return type !== undefined && /^application\/json\s*(;|$)/i.test(type);
}
