import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { bytesEqual, fromBase64url, toBase64url } from '../../src/secret/crypto/encoding.ts';
import { rejectsWith } from './fixtures.ts';

test("base64url agrees with Node's encoder both ways, for any bytes", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const text = toBase64url(bytes);
      assert.equal(text, Buffer.from(bytes).toString('base64url'));
      assert.deepEqual(fromBase64url(text), bytes);
    }),
    { numRuns: 500 },
  );
});

test('base64url decoding is strict: one text per byte string', () => {
  for (const bad of ['A', 'AB=', 'AB+/', 'AB/_', ' AB', 'AB\n', 'AAB', 'AF', '가나']) {
    // 'AAB' and 'AF' carry non-zero leftover bits: Buffer would accept them, we do not.
    assert.throws(() => fromBase64url(bad), rejectsWith('BAD_BASE64'), JSON.stringify(bad));
  }
  assert.deepEqual(fromBase64url('AA'), new Uint8Array([0]));
  assert.deepEqual(fromBase64url(''), new Uint8Array(0));
  assert.throws(() => fromBase64url('AAAAAAAA', 5), rejectsWith('ENVELOPE_TOO_LARGE'));
});

test('bytesEqual compares length and every byte', () => {
  assert.equal(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])), true);
  assert.equal(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3])), false);
  assert.equal(bytesEqual(new Uint8Array([1]), new Uint8Array([1, 0])), false);
});
