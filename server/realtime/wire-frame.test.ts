import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { cachedTextFrame, textFrame } from './wire-frame.ts';

// The frames are read back by ws's own parser (what every Node client runs), at each length form's edges.

/** ws's frame parser (exported at run time, not in its type declarations). */
const { Receiver } = createRequire(import.meta.url)('ws') as { Receiver: new (options: object) => EventEmitter & { write(chunk: Buffer): void } };

function parse(frame: Buffer): Promise<{ text: string; isBinary: boolean }> {
  return new Promise((resolve, reject) => {
    // A client's receiver: server frames come unmasked.
    const receiver = new Receiver({ isServer: false, maxPayload: 0 });
    receiver.on('message', (data: Buffer, isBinary: boolean) => resolve({ text: data.toString(), isBinary }));
    receiver.on('error', reject);
    receiver.write(frame);
  });
}

test('textFrame builds whole text frames ws reads back, for every length form', async () => {
  for (const length of [0, 1, 125, 126, 127, 65_535, 65_536, 70_001]) {
    const body = 'x'.repeat(length);
    for (const payload of [body, Buffer.from(body)]) {
      const frame = textFrame(payload);
      assert.equal(frame.length, length + (length < 126 ? 2 : length < 65_536 ? 4 : 10), `header for ${length}`);
      const got = await parse(frame);
      assert.equal(got.isBinary, false);
      assert.equal(got.text.length, length);
      assert.equal(got.text, body);
    }
  }
});

test('textFrame encodes a string as UTF-8 (Korean, an emoji), its length in bytes', async () => {
  const text = JSON.stringify({ type: 'message', body: '회의 자료 공유드립니다 🙂'.repeat(10) });
  const frame = textFrame(text);
  assert.equal(frame.length, 4 + Buffer.byteLength(text));
  assert.equal((await parse(frame)).text, text);
});

test('cachedTextFrame frames a payload buffer once', () => {
  const payload = Buffer.from('{"type":"presence"}');
  const a = cachedTextFrame(payload);
  assert.equal(cachedTextFrame(payload), a);
  assert.notEqual(cachedTextFrame(Buffer.from('{"type":"presence"}')), a, 'another buffer, another frame');
  assert.deepEqual(a, textFrame(payload));
});
