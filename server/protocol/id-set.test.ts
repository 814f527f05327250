import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { MAX_BITMAP_BYTES, decodeIdSet, encodeIdSet, idSetSize } from './id-set.ts';

const sorted = (ids: readonly number[]) => [...ids].sort((a, b) => a - b);

test('any set of ids comes back whole in either protocol, never longer than its list', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.oneof(fc.nat(300), fc.nat(70_000), fc.nat(2 ** 31 - 1)), { maxLength: 400 }), fc.constantFrom(1, 2, 3), (ids, version) => {
      const set = encodeIdSet(ids, version);
      assert.deepEqual(sorted(decodeIdSet(set)), sorted(ids));
      assert.equal(idSetSize(set), ids.length);
      assert.ok(JSON.stringify(set).length <= JSON.stringify(ids).length);
      if (version === 1) assert.ok(Array.isArray(set), 'protocol 1 reads lists only');
    }),
    { numRuns: 400 },
  );
});

test('a company online at once is a bitmap; a few arrivals, huge ids and protocol 1 stay lists', () => {
  const company = Array.from({ length: 2000 }, (_, i) => i + 1);
  const bits = encodeIdSet(company, 2);
  assert.equal(typeof bits, 'string');
  assert.equal(bits.length, 336, '2,001 bits in 251 bytes of base64');
  assert.equal(JSON.stringify(company).length, 8894);
  assert.deepEqual(encodeIdSet([1500, 7], 2), [1500, 7]);
  assert.deepEqual(encodeIdSet([], 2), []);
  assert.ok(Array.isArray(encodeIdSet(company, 1)));
  const huge = Array.from({ length: 300 }, (_, i) => MAX_BITMAP_BYTES * 8 + i);
  assert.ok(Array.isArray(encodeIdSet(huge, 2)), 'past the bitmap bound: a list however long');
});

test('a string that is not base64 throws instead of reading as a set', () => {
  assert.throws(() => decodeIdSet('*not base64*'));
});
