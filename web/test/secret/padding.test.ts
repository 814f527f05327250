import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { pad, PAD_BLOCK, unpad } from '../../src/secret/crypto/padding.ts';
import { rejectsWith } from './fixtures.ts';

test('pad/unpad round-trip any bytes; the padded length is the next multiple of 32 above', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      const padded = pad(bytes);
      assert.equal(padded.length % PAD_BLOCK, 0);
      assert.ok(padded.length > bytes.length && padded.length - bytes.length <= PAD_BLOCK);
      assert.deepEqual(unpad(padded), bytes);
    }),
  );
});

test('bad padding (only a faulty or hostile sender could sign it) is refused', () => {
  for (const bad of [
    new Uint8Array(0),
    new Uint8Array(32), // no 0x80 at all
    new Uint8Array(31).fill(0x80), // not a whole block
    new Uint8Array(32).fill(1), // ends in data, no marker
    new Uint8Array([0x80, ...new Uint8Array(63)]), // more than a block of zeros after the marker
  ]) {
    assert.throws(() => unpad(bad), rejectsWith('ENVELOPE_MALFORMED'));
  }
});
