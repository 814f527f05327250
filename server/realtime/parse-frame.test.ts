import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseFrame, type ParseResult } from './parse-frame.ts';
import { isErrorCode } from '../protocol/errors.ts';
import { MESSAGE_MAX } from '../protocol/limits.ts';

const json = (value: unknown) => JSON.stringify(value);

function refused(raw: string): Extract<ParseResult, { ok: false }> {
  const result = parseFrame(raw);
  assert.equal(result.ok, false, `expected a refusal for ${raw.slice(0, 120)}`);
  return result as Extract<ParseResult, { ok: false }>;
}

test('a valid frame of each client type comes back as it was sent', () => {
  const frames = [
    { type: 'send', tempId: 't-1', roomId: 3, body: '안녕하세요' },
    { type: 'send', tempId: 'x'.repeat(64), roomId: 1, body: 'b'.repeat(MESSAGE_MAX) },
    { type: 'sync', cursors: { '1': 0, '42': 17 } },
    { type: 'sync', cursors: {} },
    { type: 'read', roomId: 7, seq: 0 },
    { type: 'typing', roomId: 9 },
  ];
  for (const frame of frames) assert.deepEqual(parseFrame(json(frame)), { ok: true, frame });
});

test('text that is not JSON is BAD_JSON', () => {
  for (const raw of ['', '{', 'send', "{'type':'send'}", '{"type":"typing","roomId":1', 'undefined', '\u0000']) {
    assert.deepEqual(parseFrame(raw), { ok: false, code: 'BAD_JSON' }, JSON.stringify(raw));
  }
});

test('JSON without a known type is UNKNOWN_FRAME', () => {
  for (const value of [{}, { type: 'hello' }, { type: 'SEND' }, { type: 1 }, null, 42, 'send', [], [{ type: 'send' }], { type: 'ack' }]) {
    assert.deepEqual(parseFrame(json(value)), { ok: false, code: 'UNKNOWN_FRAME' }, json(value));
  }
  // The tempId still comes back, so a client can settle the bubble it belongs to.
  assert.deepEqual(parseFrame(json({ type: 'sned', tempId: 't9', roomId: 1, body: 'x' })), { ok: false, code: 'UNKNOWN_FRAME', tempId: 't9' });
});

test('a send one character over the limit is MESSAGE_TOO_LONG, with its tempId', () => {
  const frame = { type: 'send', tempId: 'long-1', roomId: 2, body: '가'.repeat(MESSAGE_MAX + 1) };
  assert.deepEqual(parseFrame(json(frame)), { ok: false, code: 'MESSAGE_TOO_LONG', tempId: 'long-1' });
  // Too long wins over the other faults of the same frame.
  assert.deepEqual(parseFrame(json({ ...frame, roomId: 'two', extra: 1 })), { ok: false, code: 'MESSAGE_TOO_LONG', tempId: 'long-1' });
});

test('a known type with wrong fields is BAD_REQUEST, echoing a usable tempId', () => {
  const send = { type: 'send', tempId: 't1', roomId: 1, body: 'hi' };
  const withTempId: unknown[] = [
    { ...send, roomId: '1' },
    { ...send, roomId: 0 },
    { ...send, roomId: 1.5 },
    { ...send, body: 5 },
    { ...send, body: null },
    { ...send, extra: true },
    { type: 'send', tempId: 't1', body: 'no room' },
  ];
  for (const value of withTempId) assert.deepEqual(parseFrame(json(value)), { ok: false, code: 'BAD_REQUEST', tempId: 't1' }, json(value));

  const without: unknown[] = [
    { ...send, tempId: '' },
    { ...send, tempId: 'x'.repeat(65) },
    { ...send, tempId: 7 },
    { type: 'send', roomId: 1, body: 'no tempId' },
    { type: 'sync' },
    { type: 'sync', cursors: [] },
    { type: 'sync', cursors: { '1': -1 } },
    { type: 'sync', cursors: { '1': 'x' } },
    { type: 'sync', cursors: {}, extra: 1 },
    { type: 'read', roomId: 1 },
    { type: 'read', roomId: 1, seq: -1 },
    { type: 'read', roomId: 1, seq: 1, extra: 1 },
    { type: 'typing' },
    { type: 'typing', roomId: -3 },
    { type: 'typing', roomId: 1, body: 'x' },
  ];
  for (const value of without) assert.deepEqual(parseFrame(json(value)), { ok: false, code: 'BAD_REQUEST' }, json(value));
});

test('a sync naming too many rooms is refused', () => {
  const cursors = Object.fromEntries(Array.from({ length: 5001 }, (_, i) => [String(i + 1), 0]));
  assert.equal(refused(json({ type: 'sync', cursors })).code, 'BAD_REQUEST');
  delete cursors['5001'];
  assert.equal(parseFrame(json({ type: 'sync', cursors })).ok, true);
});

// Cursors are keyed by canonical room ids only (patternProperties with additionalProperties: false).
test('sync cursors keyed by something other than a room id are BAD_REQUEST', () => {
  for (const cursors of [{ abc: 1 }, { abc: 'x' }, { '-1': 0 }, { '1': 0, ' 2': null }]) {
    assert.deepEqual(parseFrame(json({ type: 'sync', cursors })), { ok: false, code: 'BAD_REQUEST' }, json(cursors));
  }
});

// ---- random input ----

const CATALOGUE_REFUSALS = ['BAD_JSON', 'UNKNOWN_FRAME', 'MESSAGE_TOO_LONG', 'BAD_REQUEST'];

/** Valid frames, bent one field at a time: the inputs nearest the schema's edges. */
const bentFrame = fc
  .record({
    base: fc.constantFrom<Record<string, unknown>>(
      { type: 'send', tempId: 't', roomId: 1, body: 'hi' },
      { type: 'sync', cursors: { '1': 0 } },
      { type: 'read', roomId: 1, seq: 1 },
      { type: 'typing', roomId: 1 },
    ),
    key: fc.constantFrom('type', 'tempId', 'roomId', 'body', 'seq', 'cursors', 'extra', '__proto__'),
    value: fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom('send', 'sync', 'read', 'typing', undefined, -1, 0, 2 ** 53, 'x'.repeat(65), 'x'.repeat(MESSAGE_MAX + 1)),
    ),
  })
  .map(({ base, key, value }) => JSON.stringify({ ...base, [key]: value }));

const rawInput = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.json({ maxDepth: 3 }),
  bentFrame,
  // Valid JSON cut short.
  fc.tuple(bentFrame, fc.nat()).map(([text, n]) => text.slice(0, n % (text.length + 1))),
);

test('random input never throws and always yields a frame or a catalogue code', () => {
  const seen = new Set<string>();
  fc.assert(
    fc.property(rawInput, (raw) => {
      const result = parseFrame(raw);
      if (result.ok) {
        assert.ok(['send', 'sync', 'read', 'typing'].includes(result.frame.type));
        seen.add('ok');
        return;
      }
      assert.ok(isErrorCode(result.code) && CATALOGUE_REFUSALS.includes(result.code), result.code);
      if (result.tempId !== undefined) assert.ok(result.tempId.length >= 1 && result.tempId.length <= 64);
      seen.add(result.code);
    }),
    { numRuns: 3000, seed: 20240601 },
  );
  // The inputs reach every outcome, so the loop is not just exercising one path.
  assert.deepEqual([...seen].sort(), ['BAD_JSON', 'BAD_REQUEST', 'MESSAGE_TOO_LONG', 'UNKNOWN_FRAME', 'ok']);
});
