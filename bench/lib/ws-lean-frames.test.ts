// The lean client's frame parser: split reads, 126/127 lengths, fragments with a ping between,
// close; a light fuzz (random frames, random read boundaries) against the same frames whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameParser, OP_BINARY, OP_CLOSE, OP_CONT, OP_PING, OP_TEXT, closeBody, encodeFrame } from './ws-lean-frames.ts';

type Event = [string, string | number];

/** An unmasked server frame. */
function serverFrame(op: number, payload: Buffer | string, fin = true): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const n = body.length;
  const head = n < 126 ? Buffer.from([(fin ? 0x80 : 0) | op, n]) : n < 0x10000 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (n >= 126) {
    head[0] = (fin ? 0x80 : 0) | op;
    if (n < 0x10000) {
      head[1] = 126;
      head.writeUInt16BE(n, 2);
    } else {
      head[1] = 127;
      head.writeUInt32BE(0, 2);
      head.writeUInt32BE(n, 6);
    }
  }
  return Buffer.concat([head, body]);
}

function collect(): { parser: FrameParser; events: Event[] } {
  const events: Event[] = [];
  const parser = new FrameParser({
    message: (p, binary) => events.push([binary ? 'binary' : 'text', p.toString()]),
    ping: (p) => events.push(['ping', p.toString()]),
    pong: (p) => events.push(['pong', p.toString()]),
    close: (code, reason) => events.push(['close', `${code} ${reason}`]),
    error: (m, code) => events.push(['error', code]),
  });
  return { parser, events };
}

function feedInPieces(bytes: Buffer, cuts: number[]): Event[] {
  const { parser, events } = collect();
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    parser.push(bytes.subarray(at, cut));
    at = cut;
  }
  return events;
}

test('frames split at every byte boundary parse as when whole', () => {
  const bytes = Buffer.concat([serverFrame(OP_TEXT, '{"type":"message"}'), serverFrame(OP_PING, 'p'), serverFrame(OP_TEXT, '안녕 🙂')]);
  const whole = feedInPieces(bytes, []);
  assert.deepEqual(whole, [['text', '{"type":"message"}'], ['ping', 'p'], ['text', '안녕 🙂']]);
  for (let i = 1; i < bytes.length; i++) assert.deepEqual(feedInPieces(bytes, [i]), whole, `cut at ${i}`);
  // One byte a read.
  assert.deepEqual(feedInPieces(bytes, Array.from({ length: bytes.length - 1 }, (_, i) => i + 1)), whole);
});

test('16-bit and 64-bit lengths, split inside the extended length', () => {
  const mid = 'x'.repeat(300);
  const big = 'y'.repeat(70_000);
  const bytes = Buffer.concat([serverFrame(OP_TEXT, mid), serverFrame(OP_BINARY, Buffer.from(big))]);
  assert.equal(bytes[1], 126);
  assert.equal(bytes[304 + 1], 127);
  for (const cuts of [[], [1], [3], [305], [306], [310], [313], [20_000, 50_000]]) {
    assert.deepEqual(feedInPieces(bytes, cuts), [['text', mid], ['binary', big]], `cuts ${cuts}`);
  }
});

test('a fragmented message with a ping between its fragments', () => {
  const bytes = Buffer.concat([serverFrame(OP_TEXT, 'hel', false), serverFrame(OP_PING, 'x'), serverFrame(OP_CONT, 'lo ', false), serverFrame(OP_CONT, 'world')]);
  for (let i = 0; i < bytes.length; i++) assert.deepEqual(feedInPieces(bytes, i ? [i] : []), [['ping', 'x'], ['text', 'hello world']]);
});

test('close with and without a code; protocol errors stop the parser', () => {
  assert.deepEqual(feedInPieces(serverFrame(OP_CLOSE, closeBody(4001, 'bye')), [3]), [['close', '4001 bye']]);
  assert.deepEqual(feedInPieces(serverFrame(OP_CLOSE, ''), []), [['close', '1005 ']]);
  assert.deepEqual(feedInPieces(serverFrame(OP_CONT, 'x'), []), [['error', 1002]]);
  const rsv = serverFrame(OP_TEXT, 'x');
  rsv[0]! |= 0x40;
  assert.deepEqual(feedInPieces(Buffer.concat([rsv, serverFrame(OP_TEXT, 'after')]), []), [['error', 1002]]);
  assert.deepEqual(feedInPieces(serverFrame(OP_PING, 'p', false), []), [['error', 1002]]);
});

test('client frames are masked and decode back (a masked frame is unmasked by the parser too)', () => {
  for (const text of ['', 'a', 'x'.repeat(125), 'y'.repeat(126), '한'.repeat(30_000)]) {
    const frame = encodeFrame(OP_TEXT, text);
    assert.equal(frame[1]! & 0x80, 0x80, 'mask bit');
    assert.deepEqual(feedInPieces(frame, []), [['text', text]]);
  }
  // Two encodings of the same text differ: the masking key is random.
  assert.notDeepEqual(encodeFrame(OP_TEXT, 'same text'), encodeFrame(OP_TEXT, 'same text'));
});

test('fuzz: random frames cut at random places arrive whole, in order', () => {
  let seed = Number(process.env.FUZZ_SEED) || 12345;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let round = 0; round < 300; round++) {
    const frames: Buffer[] = [];
    const expected: Event[] = [];
    for (let f = 0, n = 1 + rnd(8); f < n; f++) {
      const size = [0, 1, 125, 126, 127, 65535, 65536][rnd(7)]! + rnd(3);
      const text = String.fromCharCode(97 + rnd(26)).repeat(size);
      if (rnd(4) === 0) {
        const a = rnd(size + 1);
        frames.push(serverFrame(OP_TEXT, text.slice(0, a), false), serverFrame(OP_PING, 'i'), serverFrame(OP_CONT, text.slice(a)));
        expected.push(['ping', 'i']);
      } else frames.push(serverFrame(OP_TEXT, text));
      expected.push(['text', text]);
    }
    const bytes = Buffer.concat(frames);
    const cuts = Array.from({ length: rnd(6) }, () => rnd(bytes.length + 1)).sort((a, b) => a - b);
    assert.deepEqual(feedInPieces(bytes, cuts), expected, `round ${round}, cuts ${cuts}`);
  }
  // Garbage never throws: it ends in messages, an error, or waiting for more bytes.
  for (let round = 0; round < 300; round++) {
    const junk = Buffer.from(Array.from({ length: 1 + rnd(64) }, () => rnd(256)));
    assert.doesNotThrow(() => feedInPieces(junk, [rnd(junk.length)]));
  }
});
